using System.Text;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests.Reliability;

/// <summary>Tokens and contact values stay out of the database file (tokens) and out of every log line (both).</summary>
public sealed class SecretsTests(ServerFixture<Sqlite> server) : ApiTests<Sqlite>(server)
{
    [Fact]
    public async Task TheDatabaseFileHoldsNoTokenOnlyKeyedHashes()
    {
        var people = new[] { await Server.AddPersonAsync(Groups.Resource), await Server.AddPersonAsync(Groups.Administrator) };
        Assert.Equal(200, (await Server.GetAsync("/me/", people[0].Token)).StatusCode);

        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(Server.ConnectionString).DataSource;
        var bytes = new List<byte>();
        foreach (var part in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        var dump = bytes.ToArray();
        foreach (var token in people.Select(p => p.Token).Append(Admin))
        {
            Assert.True(dump.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)) < 0, "a token is stored in plain text");
            Assert.True(dump.AsSpan().IndexOf(Encoding.Unicode.GetBytes(token)) < 0, "a token is stored in UTF-16");
        }
    }

    [Fact]
    public async Task NoLogLineHoldsATokenOrAContactValue()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var other = await Server.AddPersonAsync(Groups.Manager, isPrivate: true);
        var values = new[] { "secret.mail@example.test", "+44 20 7946 0958", "12 Hidden Lane\nSecretville", "handle-zx81" };
        var ids = new List<long>();
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
                Json(new { personid = person.Id, value, contacttypeid = i + 1, contactdescriptorid = new[] { 1, 4, 9, 12 }[i] }));
            Assert.Equal(201, created.StatusCode);
            ids.Add(created.Id("personcontact"));
        }

        await Server.SendAsync(HttpMethod.Put, $"/personcontact/{ids[0]}/", person.Token, Xml($"<personcontact><value>{values[0]}</value></personcontact>"), "application/xml");
        await Server.GetAsync($"/personcontact/?personid={person.Id}", other.Token, "application/xml");
        await Server.GetAsync($"/person/?search={Uri.EscapeDataString(values[3])}", Admin);
        await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, RawJson($"{{\"value\":\"{values[1]}\",\"personid\":\"{values[2].Replace("\n", "\\n", StringComparison.Ordinal)}\"}}"));
        await Server.SendAsync(HttpMethod.Put, $"/personcontact/{ids[1]}/", other.Token, Json(new { value = values[1] }));
        await Server.GetAsync("/me/", person.Token[..10] + "Z");
        await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{ids[2]}/", person.Token);

        var logs = string.Join('\n', Server.Logs);
        Assert.NotEmpty(Server.Logs);
        foreach (var secret in values.Concat([person.Token, other.Token, Admin, person.Token[..10] + "Z"]))
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALineBreakInThePathCannotForgeALogLine()
    {
        var response = await Server.GetAsync("/personcontact/1%0A12:00:00.000 INF forged%0D%E2%80%A8line/", Admin);
        Assert.Equal(400, response.StatusCode);

        var lines = Server.Logs.Where(line => line.Contains("forged", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u2028', line);
        Assert.Contains("/personcontact/1\\u000a12:00:00.000 INF forged\\u000d\\u2028line/ 400", line, StringComparison.Ordinal);
    }
}
