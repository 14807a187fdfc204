using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Intervals.Server.Tests.MultiProcess;

/// <summary>
/// A PostgreSQL cluster of its own, made by scripts/test-postgres on a free loopback port, for a test that stops
/// its database: the cluster the other suites share is never touched.
/// </summary>
public sealed partial class ThrowawayCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private ThrowawayCluster(Dictionary<string, string> environment, string adminConnectionString)
    {
        _environment = environment;
        AdminConnectionString = adminConnectionString;
    }

    public string AdminConnectionString { get; }

    private string Directory => _environment["PGTEST_DIR"];

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["PGTEST_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGTEST_DIR"] = Path.Combine(Path.GetTempPath(), "intervals-pgtest-" + Guid.NewGuid().ToString("N")[..12]),
        };
        var output = await RunScriptAsync(environment, "start");
        var match = ExportedConnectionString().Match(output);
        Assert.True(match.Success, "scripts/test-postgres start printed no connection string:\n" + output);
        return new ThrowawayCluster(environment, match.Groups[1].Value);
    }

    /// <summary>Stops the database server (pg_ctl stop -m fast) and keeps its data.</summary>
    public Task PauseAsync() => RunScriptAsync(_environment, "pause");

    /// <summary>Starts it again on the same port with the same options.</summary>
    public Task ResumeAsync() => RunScriptAsync(_environment, "resume");

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync(_environment, "stop");
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunScriptAsync(Dictionary<string, string> environment, string command)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script());
        info.ArgumentList.Add(command);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"scripts/test-postgres {command} failed:\n{await stderr}");
        return await stdout;
    }

    /// <summary>The script in the repository the tests were built from.</summary>
    private static string Script()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "scripts", "test-postgres");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/test-postgres not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("INTERVALS_TEST_POSTGRES='([^']+)'")]
    private static partial Regex ExportedConnectionString();
}
