using System.Diagnostics;
using System.Net;
using Intervals.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Intervals.Server.Tests.MultiProcess;

/// <summary>A running server whose PostgreSQL goes away and comes back, on a cluster of the test's own.</summary>
[Collection(ServerProcessesGroup.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const string AdminToken = "OutageAdmn1";

    [SkippableFact]
    public async Task ServerAnswersOfflineWhileTheDatabaseIsDownAndServesAgainWithoutARestart()
    {
        Skip.If(ScratchDatabase.SkipReason is not null, ScratchDatabase.SkipReason);
        await using var cluster = await ThrowawayCluster.StartAsync();
        await using var db = await ScratchDatabase.CreateAsync(cluster.AdminConnectionString);
        await using var server = await ServerProcess.StartAsync(db.WorkDirectory, [.. db.ConfigArguments, $"--Intervals:AdminToken={AdminToken}"]);
        using var client = server.CreateClient(AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync("/healthz")).Status);
        var person = await client.SendAsync(HttpMethod.Post, "/person/", new { firstname = "Outage", groupid = Groups.Resource });
        Assert.True(person.StatusCode == 201, person.ToString());
        var personId = person.Id("person");

        // Requests in flight while PostgreSQL shuts down meet broken connections and terminated queries, not only
        // refused connects: each must still leave as a success or as code 20 (or 19), never as an unexpected error.
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => KeepBusyAsync(client, personId, worker, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await cluster.PauseAsync();
        await stop.CancelAsync();
        var answers = (await Task.WhenAll(load)).SelectMany(a => a).ToList();
        output.WriteLine($"during the shutdown: {answers.Count} answers, "
            + string.Join(", ", answers.GroupBy(a => a.ErrorCode?.ToString() ?? a.StatusCode.ToString()).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.All(answers.Where(a => a.ErrorCode is null), a => Assert.True(a.StatusCode is 200 or 201, a.ToString()));
        Assert.All(answers.Where(a => a.ErrorCode is not null), AssertOffline);

        // Several rounds: the first may meet pooled connections the shutdown broke, later ones a refused connect.
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetApiAsync("/healthz")).Status);
            AssertOffline(await client.GetApiAsync($"/person/{personId}/"));
            AssertOffline(await client.GetApiAsync($"/personcontact/?personid={personId}"));
            AssertOffline(await client.SendAsync(HttpMethod.Post, "/personcontact/",
                new { personid = personId, value = "down@example.test", contacttypeid = 1, contactdescriptorid = 1 }));
        }

        await cluster.ResumeAsync();
        var clock = Stopwatch.StartNew();
        var health = await client.GetApiAsync("/healthz");
        for (var attempt = 0; attempt < 20 && health.Status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            health = await client.GetApiAsync("/healthz");
        }

        output.WriteLine($"healthy {clock.ElapsedMilliseconds} ms after the database was back");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        var created = await client.SendAsync(HttpMethod.Post, "/personcontact/",
            new { personid = personId, value = "back@example.test", contacttypeid = 1, contactdescriptorid = 1 });
        Assert.True(created.StatusCode == 201, created.ToString());
        var read = await client.GetApiAsync($"/personcontact/{created.Id("personcontact")}/");
        Assert.Equal("back@example.test", read.Field("personcontact", "value"));
        Assert.False(server.HasExited, server.Output);
    }

    /// <summary>Reads and writes until told to stop; bounded, so a stop that never comes cannot hang the suite.</summary>
    private static async Task<List<ApiResponse>> KeepBusyAsync(HttpClient client, long personId, int worker, CancellationToken stop)
    {
        var answers = new List<ApiResponse>();
        for (var i = 0; i < 5_000 && !stop.IsCancellationRequested; i++)
        {
            answers.Add(i % 2 == 0
                ? await client.GetApiAsync($"/personcontact/?personid={personId}&limit=5")
                : await client.SendAsync(HttpMethod.Post, "/personcontact/",
                    new { personid = personId, value = $"busy{worker}x{i}@example.test", contacttypeid = 1, contactdescriptorid = 1 }));
        }

        return answers;
    }

    /// <summary>What a client must see: the contract's envelope with code 20 (or 19), and nothing of the internals.</summary>
    private static void AssertOffline(ApiResponse response)
    {
        Assert.True(response.ErrorCode is 20 or 19, response.ToString());
        Assert.Equal(response.ErrorCode == 20 ? 502 : 500, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        foreach (var leak in (string[])["Exception", "Npgsql", " at ", "SELECT", "INSERT", "/src/"])
        {
            Assert.DoesNotContain(leak, response.Body, StringComparison.Ordinal);
        }
    }
}
