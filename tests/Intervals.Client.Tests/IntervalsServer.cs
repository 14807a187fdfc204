using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Intervals.Server.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Intervals.Client.Tests;

/// <summary>The real server in process, on its own temporary SQLite file, with a fixed administrator token.</summary>
public class IntervalsServer : WebApplicationFactory<Program>
{
    public const string AdminToken = "Adm1nT0ken7";

    public const int Administrator = 2;
    public const int Resource = 4;
    public const int Executive = 5;

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"intervals-client-{Guid.NewGuid():N}.db");
    private readonly List<HttpClient> _clients = [];

    public string ConnectionString => $"Data Source={_databasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Intervals", ConnectionString);
        builder.UseSetting("Intervals:AdminToken", AdminToken);
        ConfigureLimits(builder);
    }

    /// <summary>Request limits are off by default, as in the server's own defaults.</summary>
    protected virtual void ConfigureLimits(IWebHostBuilder builder)
    {
    }

    /// <summary>A client for <paramref name="token"/> whose requests reach the in-process server, through <paramref name="handler"/> if given.</summary>
    public IntervalsClient CreateIntervalsClient(
        string token, Action<IntervalsClientOptions>? configure = null, DelegatingHandler? handler = null, TimeSpan? timeout = null)
    {
        var options = new IntervalsClientOptions
        {
            BaseAddress = Server.BaseAddress,
            Token = token,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var http = new HttpClient(Chain(handler)) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        lock (_clients)
        {
            _clients.Add(http);
        }

        return new IntervalsClient(http, options);
    }

    /// <summary>The test server's handler, behind <paramref name="handler"/> when one is given.</summary>
    public HttpMessageHandler Chain(DelegatingHandler? handler)
    {
        var server = Server.CreateHandler();
        if (handler is null)
        {
            return server;
        }

        handler.InnerHandler = server;
        return handler;
    }

    /// <summary>Adds a person through the API as the administrator and gives them a token with the server's admin tool.</summary>
    public async Task<(int Id, string Token)> AddPersonAsync(
        int groupId = Resource, bool active = true, bool isPrivate = false, string? firstName = null, string? lastName = null)
    {
        using var admin = CreateClient();
        admin.DefaultRequestHeaders.Authorization = Basic(AdminToken);
        var body = new Dictionary<string, string>
        {
            ["firstname"] = firstName ?? "Person " + Guid.NewGuid().ToString("N")[..8],
            ["groupid"] = groupId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["active"] = active ? "t" : "f",
            ["private"] = isPrivate ? "t" : "f",
        };
        if (lastName is not null)
        {
            body["lastname"] = lastName;
        }

        using var response = await admin.PostAsJsonAsync("/person/", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var document = JsonDocument.Parse(text);
        var id = int.Parse(document.RootElement.GetProperty("person").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var token = NewToken();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(
            ["token", "issue", "--person", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", token,
             $"--ConnectionStrings:Intervals={ConnectionString}"],
            output,
            error);
        Assert.True(exit == 0, error.ToString());
        return (id, token);
    }

    public static string NewToken() =>
        new(RandomNumberGenerator.GetItems<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 11));

    public static AuthenticationHeaderValue Basic(string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":X")));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        base.Dispose(disposing);
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            try
            {
                File.Delete(_databasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: a pooled connection may still hold the file until the process ends.
            }
        }
    }
}
