using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Intervals.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Intervals.Server.Tests.MultiProcess;

/// <summary>Several server processes on one PostgreSQL database, as behind a load balancer.</summary>
[Collection(ServerProcessesGroup.Name)]
public sealed partial class SharedDatabaseTests(ITestOutputHelper output)
{
    private const string AdminToken = "MultiAdmin1";
    private const int Creates = 1_000;
    private const int InFlight = 32;

    [SkippableFact]
    public async Task TwoProcessesShareEveryWriteAndEveryToken()
    {
        Skip.If(ScratchDatabase.SkipReason is not null, ScratchDatabase.SkipReason);
        await using var db = await ScratchDatabase.CreateAsync();
        string[] arguments = [.. db.ConfigArguments, $"--Intervals:AdminToken={AdminToken}"];
        await using var first = await ServerProcess.StartAsync(db.WorkDirectory, arguments);
        await using var second = await ServerProcess.StartAsync(db.WorkDirectory, arguments);

        using var admin = first.CreateClient(AdminToken);
        var person = await admin.SendAsync(HttpMethod.Post, "/person/", new { firstname = "Shared", groupid = Groups.Resource });
        Assert.True(person.StatusCode == 201, person.ToString());
        var personId = person.Id("person");

        var issued = await ServerProcess.RunAsync(
            db.WorkDirectory, ["token", "issue", "--person", personId.ToString(CultureInfo.InvariantCulture), .. db.ConfigArguments]);
        Assert.True(issued.ExitCode == 0, issued.StdErr);
        var token = issued.StdOut.Trim();
        using var onFirst = first.CreateClient(token);
        using var onSecond = second.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetApiAsync("/me/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetApiAsync("/me/")).Status);

        var ids = new ConcurrentDictionary<long, string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Creates),
            new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (i, _) =>
            {
                var (writer, reader) = i % 2 == 0 ? (onFirst, onSecond) : (onSecond, onFirst);
                var value = $"shared{i}@example.test";
                var created = await writer.SendAsync(HttpMethod.Post, "/personcontact/",
                    new { personid = personId, value, contacttypeid = 1, contactdescriptorid = 1 });
                Assert.True(created.StatusCode == 201, $"create {i}: {created}");
                var id = created.Id("personcontact");
                Assert.True(ids.TryAdd(id, value), $"id {id} was given twice");

                var read = await reader.GetApiAsync($"/personcontact/{id}/");
                Assert.True(read.StatusCode == 200, $"read {id} from the other process: {read}");
                Assert.Equal(value, read.Field("personcontact", "value"));
            });
        clock.Stop();
        output.WriteLine($"{Creates} creates, each read back from the other process, {InFlight} in flight: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(Creates, ids.Count);
        Assert.Equal(Creates, await db.CountAsync("SELECT COUNT(*) FROM personcontact"));
        foreach (var client in new[] { onFirst, onSecond })
        {
            var list = await client.GetApiAsync($"/personcontact/?personid={personId}&limit={Creates + 10}");
            Assert.Equal(Creates, list.ListCount);
            var listed = list.Items("personcontact").Select(i => long.Parse(i.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(ids.Keys.Order(), listed.Order());
        }
    }

    [SkippableFact]
    public async Task ThreeProcessesStartingTogetherOnAnEmptyDatabaseSeedItOnce()
    {
        Skip.If(ScratchDatabase.SkipReason is not null, ScratchDatabase.SkipReason);
        await using var db = await ScratchDatabase.CreateAsync();
        var starting = Enumerable.Range(0, 3).Select(_ => ServerProcess.StartAsync(db.WorkDirectory, db.ConfigArguments)).ToList();
        try
        {
            var servers = await Task.WhenAll(starting);

            // With no Intervals:AdminToken the one process that creates the administrator prints its token.
            var banners = servers.Select(s => AnnouncedToken().Match(s.Output)).Where(m => m.Success).ToList();
            Assert.True(banners.Count == 1, $"{banners.Count} processes announced a new administrator");
            var token = banners[0].Groups[1].Value;

            foreach (var server in servers)
            {
                using var client = server.CreateClient(token);
                Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync("/healthz")).Status);
                Assert.Equal(4, (await client.GetApiAsync("/group/")).ListCount);
                Assert.Equal(5, (await client.GetApiAsync("/contacttype/")).ListCount);
                Assert.Equal(1, (await client.GetApiAsync($"/person/?groupid={Groups.Administrator}")).ListCount);
            }

            Assert.Equal(4, await db.CountAsync("SELECT COUNT(*) FROM groups"));
            Assert.Equal(5, await db.CountAsync("SELECT COUNT(*) FROM contacttype"));
            Assert.Equal(17, await db.CountAsync("SELECT COUNT(*) FROM contactdescriptor"));
            Assert.Equal(1, await db.CountAsync($"SELECT COUNT(*) FROM person WHERE groupid = {Groups.Administrator}"));
        }
        finally
        {
            foreach (var start in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }
        }
    }

    [GeneratedRegex(@"shown only now:\s+([A-Za-z0-9]{11})\s")]
    private static partial Regex AnnouncedToken();
}
