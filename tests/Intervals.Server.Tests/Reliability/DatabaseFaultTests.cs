using System.Net;
using System.Text;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Tests.Reliability;

/// <summary>SQLite faults an operator meets: each answers with a clean envelope, logs its cause, and heals by itself.</summary>
public sealed class DatabaseFaultTests : IDisposable
{
    private const string AdminToken = "FaultAdmin1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intervals-fault-" + Guid.NewGuid().ToString("N"));

    public DatabaseFaultTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task ADatabaseLockedByAnotherProcessAnswersError20AndRecoversWhenReleased()
    {
        var file = Path.Combine(_folder, "locked.db");
        await using var server = await ServerProcess.StartAsync(_folder,
            ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file};Default Timeout=2", $"--Intervals:AdminToken={AdminToken}"]);
        using var client = server.CreateClient(AdminToken);

        await using (var holder = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = new SqliteCommand("BEGIN EXCLUSIVE", holder);
            await begin.ExecuteNonQueryAsync();

            var refused = await client.PostAsync("/person/", Body("""{"firstname":"Locked"}"""));
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains("\"code\":20", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(await server.WaitForOutputAsync("locked by another process"), server.Output);
        }

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/person/", Body("""{"firstname":"Unlocked"}"""))).StatusCode);
    }

    [Fact]
    public async Task ADatabaseFolderThatCannotBeCreatedAtStartAnswersError20UntilItCan()
    {
        // A plain file where the folder should be: creating the folder fails even for root.
        var blocker = Path.Combine(_folder, "blocked");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var file = Path.Combine(blocker, "data", "intervals.db");
        await using var server = await ServerProcess.StartAsync(_folder,
            ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file}", $"--Intervals:AdminToken={AdminToken}",
             "--Intervals:DatabaseRetrySeconds=0.5"]);
        using var client = server.CreateClient(AdminToken);

        var refused = await client.GetAsync("/me/");
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":20", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_folder, body, StringComparison.Ordinal);
        Assert.True(await server.WaitForOutputAsync("Database not ready"), server.Output);

        File.Delete(blocker);
        Assert.Equal(HttpStatusCode.OK, await PollAsync(client, "/me/", HttpStatusCode.OK));
        Assert.True(await server.WaitForOutputAsync("Database ready after"), server.Output);
    }

    [SkippableFact]
    public async Task AFullDiskAnswersError19AndRecoversWhenSpaceIsFreed()
    {
        var mount = Path.Combine(_folder, "small");
        Directory.CreateDirectory(mount);
        var mounted = await RunToolAsync("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount);
        Skip.If(mounted != 0, "mounting a small tmpfs needs root");
        try
        {
            var file = Path.Combine(mount, "full.db");
            await using var server = await ServerProcess.StartAsync(_folder,
                ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file}", $"--Intervals:AdminToken={AdminToken}"]);
            using var client = server.CreateClient(AdminToken);
            var filler = Path.Combine(mount, "filler");
            await using (var stream = new FileStream(filler, FileMode.Create))
            {
                var chunk = new byte[64 * 1024];
                try
                {
                    for (var i = 0; i < 100; i++)
                    {
                        await stream.WriteAsync(chunk);
                        await stream.FlushAsync();
                    }
                }
                catch (IOException)
                {
                    // The disk is full now, which is the point.
                }
            }

            HttpResponseMessage? refused = null;
            for (var i = 0; i < 500 && refused is null; i++)
            {
                var answer = await client.PostAsync("/person/", Body($$"""{"firstname":"Filling {{i}}","notes":"{{new string('n', 3000)}}"}"""));
                if (answer.StatusCode != HttpStatusCode.Created)
                {
                    refused = answer;
                }
            }

            Assert.NotNull(refused);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Contains("\"code\":19", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(await server.WaitForOutputAsync("the disk is full"), server.Output);

            File.Delete(filler);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/person/", Body("""{"firstname":"Room again"}"""))).StatusCode);
            await server.KillAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunToolAsync("umount", "-l", mount);
        }
    }

    [SkippableFact]
    public async Task ADatabaseFileMadeReadOnlyAnswersError19ForWritesKeepsServingReadsAndRecovers()
    {
        var file = Path.Combine(_folder, "readonly.db");
        await using var server = await ServerProcess.StartAsync(_folder,
            ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file}", $"--Intervals:AdminToken={AdminToken}"]);
        using var client = server.CreateClient(AdminToken);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/person/", Body("""{"firstname":"Before"}"""))).StatusCode);

        // File permissions do not stop root, the immutable attribute does. The shared-memory index stays
        // writable: SQLite maps it into memory, and no server survives that mapping turning read-only.
        var locked = await RunToolAsync("chattr", "+i", file, file + "-wal");
        Skip.If(locked != 0, "chattr +i needs root on a filesystem with file attributes");
        try
        {
            var refused = await client.PostAsync("/person/", Body("""{"firstname":"Refused"}"""));
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("\"code\":19", body, StringComparison.Ordinal);
            Assert.DoesNotContain(file, body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/person/?firstname=Before")).StatusCode);
            Assert.True(await server.WaitForOutputAsync("Database error"), server.Output);
        }
        finally
        {
            await RunToolAsync("chattr", "-i", file, file + "-wal");
        }

        // A connection SQLite opened read-only while the fault lasted may answer one more write with 19.
        var recovered = HttpStatusCode.InternalServerError;
        for (var i = 0; i < 10 && recovered != HttpStatusCode.Created; i++)
        {
            recovered = (await client.PostAsync("/person/", Body("""{"firstname":"After"}"""))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, recovered);
        var people = await client.GetStringAsync("/person/?firstname=Refused");
        Assert.Contains("\"listcount\":0", people, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client, string path, HttpStatusCode wanted)
    {
        var status = HttpStatusCode.BadGateway;
        for (var i = 0; i < 60 && status != wanted; i++)
        {
            await Task.Delay(250);
            status = (await client.GetAsync(path)).StatusCode;
        }

        return status;
    }

    private static async Task<int> RunToolAsync(string command, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return process.ExitCode;
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

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
}
