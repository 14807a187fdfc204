using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Tests.Reliability;

/// <summary>
/// The server process killed with SIGKILL in the middle of concurrent writes, again and again, on one SQLite
/// file: whatever was acknowledged must be there after the restart, and nothing may be half-written.
/// </summary>
public sealed class KillTests : IDisposable
{
    private const string AdminToken = "KillAdmin01";
    private const int Kills = 20;
    private const int Writers = 6;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intervals-kill-" + Guid.NewGuid().ToString("N"));

    private static readonly (int Type, int Descriptor)[] Pairs = [(1, 1), (2, 5), (3, 10), (4, 13), (5, 16)];

    [Fact]
    public async Task EveryAcknowledgedWriteSurvivesTwentyKillsAndNothingIsHalfWritten()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "kill.db");
        string[] arguments = ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file}", $"--Intervals:AdminToken={AdminToken}"];
        var random = new Random(20240607);
        var rows = new ConcurrentDictionary<long, RowState>();
        var sentCreates = new ConcurrentDictionary<string, byte>();
        long personId = 0;

        for (var kill = 0; kill <= Kills; kill++)
        {
            await using var server = await ServerProcess.StartAsync(_folder, arguments);
            using var client = server.CreateClient(AdminToken);
            if (personId == 0)
            {
                var person = await client.PostAsJsonAsync("/person/", new { firstname = "Kill", groupid = 4 });
                personId = JsonDocument.Parse(await person.Content.ReadAsStringAsync()).RootElement.GetProperty("person").GetProperty("id").GetString()
                    is { } text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
            }

            await CheckAsync(client, personId, rows, sentCreates);
            Assert.DoesNotContain("Database not ready", server.Output, StringComparison.Ordinal);
            if (kill == Kills)
            {
                break;
            }

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, w, kill, personId, rows, sentCreates, stop.Token)).ToList();
            await Task.Delay(random.Next(150, 900));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Assert.True(rows.Count > Kills * Writers, $"only {rows.Count} rows were acknowledged");
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA integrity_check", connection);
        Assert.Equal("ok", await command.ExecuteScalarAsync());
    }

    /// <summary>Acknowledged rows are there with their acknowledged value (or the one in flight when the kill came).</summary>
    private static async Task CheckAsync(
        HttpClient client, long personId, ConcurrentDictionary<long, RowState> rows, ConcurrentDictionary<string, byte> sentCreates)
    {
        var list = JsonDocument.Parse(await client.GetStringAsync($"/personcontact/?personid={personId}")).RootElement;
        var found = new Dictionary<long, JsonElement>();
        foreach (var item in list.GetProperty("personcontact").EnumerateArray())
        {
            var id = long.Parse(item.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            found[id] = item;
            var value = item.GetProperty("value").GetString()!;
            // Each value names the type and descriptor it was sent with: a row mixing two writes shows.
            var suffix = value[(value.LastIndexOf('|') + 1)..];
            Assert.Equal(suffix, $"t{item.GetProperty("contact_type_id").GetString()}d{item.GetProperty("contact_descriptor_id").GetString()}");
            if (!rows.ContainsKey(id))
            {
                Assert.True(sentCreates.ContainsKey(value), $"row {id} holds '{value}', which no request sent");
                rows[id] = new RowState(value, null);
            }
        }

        foreach (var (id, state) in rows)
        {
            Assert.True(found.TryGetValue(id, out var item), $"acknowledged row {id} is missing");
            var value = item.GetProperty("value").GetString();
            Assert.True(value == state.Acknowledged || value == state.InFlight,
                $"row {id} holds '{value}', acknowledged '{state.Acknowledged}', in flight '{state.InFlight}'");
            rows[id] = new RowState(value!, null);
        }
    }

    private static async Task WriteAsync(
        ServerProcess server, int writer, int round, long personId, ConcurrentDictionary<long, RowState> rows,
        ConcurrentDictionary<string, byte> sentCreates, CancellationToken stop)
    {
        using var client = server.CreateClient(AdminToken);
        var mine = new List<long>();
        for (var step = 0; step < 10_000 && !stop.IsCancellationRequested; step++)
        {
            var (type, descriptor) = Pairs[(writer + step) % Pairs.Length];
            var value = $"w{writer}r{round}s{step}|t{type}d{descriptor}";
            try
            {
                if (mine.Count == 0 || step % 3 == 0)
                {
                    sentCreates[value] = 0;
                    var created = await client.PostAsJsonAsync("/personcontact/",
                        new { personid = personId, value, contacttypeid = type, contactdescriptorid = descriptor }, stop);
                    if ((int)created.StatusCode == 201)
                    {
                        var id = IdOf(await created.Content.ReadAsStringAsync(stop));
                        rows[id] = new RowState(value, null);
                        mine.Add(id);
                    }
                }
                else
                {
                    var id = mine[step % mine.Count];
                    rows[id] = rows[id] with { InFlight = value };
                    var updated = await client.PutAsJsonAsync($"/personcontact/{id}/",
                        new { value, contacttypeid = type, contactdescriptorid = descriptor }, stop);
                    if ((int)updated.StatusCode == 202)
                    {
                        rows[id] = new RowState(value, null);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                // The kill came while this request was under way; its outcome is checked after the restart.
                return;
            }
        }
    }

    private static long IdOf(string body) => long.Parse(
        JsonDocument.Parse(body).RootElement.GetProperty("personcontact").GetProperty("id").GetString()!,
        System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record RowState(string Acknowledged, string? InFlight);
}
