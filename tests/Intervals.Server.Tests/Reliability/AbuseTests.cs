using System.Net;
using System.Net.Sockets;
using System.Text;
using Intervals.Server.Hosting;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Intervals.Server.Tests.Reliability;

/// <summary>Token revocation, the failed-authentication throttle and the contract's request limits, on real processes.</summary>
public sealed class AbuseTests : IDisposable
{
    private const string AdminToken = "AbuseAdmin1";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intervals-abuse-" + Guid.NewGuid().ToString("N"));

    public AbuseTests() => Directory.CreateDirectory(_folder);

    private string[] Configuration(string name) =>
        ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={Path.Combine(_folder, name + ".db")}"];

    [Fact]
    public async Task ARevokedTokenFailsOnceTheAuthCacheBoundHasPassed()
    {
        var configuration = Configuration("revoke");
        await using var server = await ServerProcess.StartAsync(_folder, [.. configuration, $"--Intervals:AdminToken={AdminToken}", "--Intervals:AuthCacheSeconds=2"]);
        var person = (await ServerProcess.RunAsync(_folder, ["person", "add", "--firstname", "Revoked", "--group", "Resource", .. configuration])).StdOut.Trim();
        var token = (await ServerProcess.RunAsync(_folder, ["token", "issue", "--person", person, .. configuration])).StdOut.Trim();
        using var client = server.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/")).StatusCode);

        var revoked = await ServerProcess.RunAsync(_folder, ["token", "revoke", "--person", person, .. configuration]);
        Assert.Equal(0, revoked.ExitCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var answer = await client.GetAsync("/me/");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("\"code\":9", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressThatKeepsFailingAuthenticationIsRefusedWhileOtherAddressesAreServed()
    {
        await using var server = await ServerProcess.StartAsync(_folder,
            [.. Configuration("throttle"), $"--Intervals:AdminToken={AdminToken}", "--Intervals:FailedAuthPerMinute=5"]);
        using var attacker = Client(server, IPAddress.Loopback, "Guess000000");
        using var good = Client(server, IPAddress.Loopback, AdminToken);
        using var elsewhere = Client(server, IPAddress.Parse("127.0.0.2"), AdminToken);

        for (var i = 0; i < 5; i++)
        {
            // Below the limit, a good client on the same address is served as usual.
            Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/me/")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/me/")).StatusCode);
        }

        var refused = await attacker.GetAsync("/me/");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"code\":12", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/me/")).StatusCode);
    }

    [Fact]
    public void TheFailedAuthenticationThrottleForgetsAnAddressWhenItsMinuteIsOverAndStaysBounded()
    {
        var clock = new ManualClock();
        var throttle = new FailedAuthThrottle(Options.Create(new IntervalsOptions { FailedAuthPerMinute = 3, FailedAuthTrackedAddresses = 2 }), clock);
        var address = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter(address));
            throttle.Failed(address);
        }

        Assert.NotNull(throttle.RetryAfter(address));
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(throttle.RetryAfter(address));

        // With room for two addresses, a third is not tracked rather than growing the table.
        foreach (var other in new[] { "192.0.2.2", "192.0.2.3", "192.0.2.4" })
        {
            for (var i = 0; i < 3; i++)
            {
                throttle.Failed(IPAddress.Parse(other));
            }
        }

        Assert.NotNull(throttle.RetryAfter(IPAddress.Parse("192.0.2.2")));
        Assert.NotNull(throttle.RetryAfter(IPAddress.Parse("192.0.2.3")));
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("192.0.2.4")));
    }

    [Fact]
    public async Task RequestsPerMinuteFromOneAddressAnswerError12WithRetryAfterWhenSwitchedOn()
    {
        await using var server = await ServerProcess.StartAsync(_folder,
            [.. Configuration("minute"), $"--Intervals:AdminToken={AdminToken}", "--Intervals:RequestsPerMinute=5"]);
        using var client = server.CreateClient(AdminToken);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/")).StatusCode);
        }

        var refused = await client.GetAsync("/me/");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"code\":12", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);

        // A load balancer's health checks are not requests to limit: the server is healthy.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
    }

    [Fact]
    public async Task RequestsPerDayFromOnePersonAnswerError11WithRetryAfterAndLeaveOthersAlone()
    {
        var configuration = Configuration("day");
        await using var server = await ServerProcess.StartAsync(_folder, [.. configuration, $"--Intervals:AdminToken={AdminToken}", "--Intervals:RequestsPerDay=3"]);
        var person = (await ServerProcess.RunAsync(_folder, ["person", "add", "--firstname", "Busy", "--group", "Resource", .. configuration])).StdOut.Trim();
        var token = (await ServerProcess.RunAsync(_folder, ["token", "issue", "--person", person, .. configuration])).StdOut.Trim();
        using var busy = server.CreateClient(token);
        using var admin = server.CreateClient(AdminToken);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/me/")).StatusCode);
        }

        var refused = await busy.GetAsync("/me/");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"code\":11", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalHours, 0.001, 24);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/me/")).StatusCode);
    }

    [Fact]
    public async Task RequestLimitsAreOffByDefault()
    {
        await using var server = await ServerProcess.StartAsync(_folder, [.. Configuration("default"), $"--Intervals:AdminToken={AdminToken}"]);
        using var client = server.CreateClient(AdminToken);
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/")).StatusCode);
        }
    }

    /// <summary>A client whose connections come from <paramref name="from"/>, so one machine can play two addresses.</summary>
    private static HttpClient Client(ServerProcess server, IPAddress from, string token)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":X")));
        return client;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
