using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Bench.Tool;

/// <summary>
/// Start to first answered request on an empty database: launches the server, polls /healthz on
/// loopback until it answers 200, then sends one authenticated GET; repeated on a fresh file each run.
/// </summary>
public static class Startup
{
    public static async Task<int> RunAsync(string dll, int port, string directory, string token, int runs, TextWriter output)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var health = new List<double>();
        var authenticated = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var file = Path.Combine(directory, $"startup-{run}.db");
            var (first, auth) = await MeasureAsync(http, dll, port, file, token);
            health.Add(first);
            authenticated.Add(auth);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP_RUN_{run}_HEALTHZ_MS={first:0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP_RUN_{run}_AUTH_GET_MS={auth:0}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP_HEALTHZ_MS={Median(health):0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP_AUTH_GET_MS={Median(authenticated):0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STARTUP_RUNS={runs}"));
        return 0;
    }

    private static async Task<(double Health, double Authenticated)> MeasureAsync(
        HttpClient http, string dll, int port, string file, string token)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
        };
        foreach (var argument in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:Intervals=Data Source={file}",
            $"--Intervals:AdminToken={token}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var healthz = new Uri($"http://127.0.0.1:{port}/healthz");
            double? first = null;
            while (first is null)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the server exited with code {process.ExitCode} before answering");
                }

                if (watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException("the server did not answer /healthz within 60 s");
                }

                try
                {
                    using var response = await http.GetAsync(healthz);
                    if (response.IsSuccessStatusCode)
                    {
                        first = watch.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(2);
                }
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/personcontact/?personid=1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":X")));
            using var answer = await http.SendAsync(request);
            if ((int)answer.StatusCode != 200)
            {
                throw new InvalidOperationException($"the authenticated GET answered {(int)answer.StatusCode}, not 200");
            }

            return (first.Value, watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
