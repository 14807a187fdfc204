using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Intervals.Server.Api;
using Intervals.Server.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests.Infrastructure;

/// <summary>
/// One real server (the app's own pipeline over HTTP in memory) on a fresh database of one engine, shared by the
/// tests of a class. Each test makes its own people, so no test depends on another's data.
/// </summary>
public sealed class ServerFixture<TEngine> : IAsyncLifetime
    where TEngine : IEngine, new()
{
    public const string AdminToken = "AdminToken1";

    private readonly TEngine _engine = new();
    private WebApplicationFactory<Program>? _factory;
    private int _counter;

    public string ConnectionString { get; private set; } = "";

    public string Provider => _engine.Provider;

    public string? SkipReason => _engine.SkipReason;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>The configuration switches that point the server (or its CLI) at this fixture's database.</summary>
    public string[] ConfigArguments =>
        [$"--Database:Provider={Provider}", $"--ConnectionStrings:Intervals={ConnectionString}"];

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        ConnectionString = await _engine.CreateDatabaseAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Intervals", ConnectionString);
            web.UseSetting("Database:Provider", Provider);
            web.UseSetting("Intervals:AdminToken", AdminToken);
            web.UseSetting("Intervals:AuthCacheSeconds", "0");
            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new CapturingLoggerProvider(Logs)));
        });
        Client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        if (_factory is null)
        {
            return;
        }

        await _factory.DisposeAsync();
        await _engine.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A unique text for names, so tests that filter by name see only their own rows.</summary>
    public string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Adds a person through the API as the administrator and issues them a real token.</summary>
    public async Task<TestPerson> AddPersonAsync(int groupId, bool isPrivate = false, bool active = true)
    {
        var firstName = Unique("P");
        var response = await SendAsync(HttpMethod.Post, "/person/", AdminToken, Json(new
        {
            firstname = firstName,
            groupid = groupId,
            @private = isPrivate ? "t" : "f",
            active = active ? "t" : "f",
        }));
        Assert.True(response.StatusCode == 201, response.ToString());
        var id = response.Id("person");
        var tokens = Services.GetRequiredService<Tokens>();
        var db = Services.GetRequiredService<Database>();
        await using var scope = await db.BeginWriteAsync(CancellationToken.None);
        var token = await tokens.IssueAsync(scope.Connection, scope.Transaction, id, null);
        await scope.CommitAsync(CancellationToken.None);
        return new TestPerson(id, token, groupId, firstName);
    }

    /// <summary>Creates a contact as the administrator for <paramref name="personId"/>; returns its id.</summary>
    public async Task<long> AddContactAsync(long personId, string value = "someone@example.test", int type = 1, int descriptor = 1)
    {
        var response = await SendAsync(HttpMethod.Post, "/personcontact/", AdminToken, Json(new
        {
            personid = personId,
            value,
            contacttypeid = type,
            contactdescriptorid = descriptor,
        }));
        Assert.True(response.StatusCode == 201, response.ToString());
        return response.Id("personcontact");
    }

    public async Task<ApiResponse> SendAsync(
        HttpMethod method, string path, string? token, HttpContent? body = null, string? accept = null, string password = "X")
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{token}:{password}")));
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await Client.SendAsync(request);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync());
    }

    public Task<ApiResponse> GetAsync(string path, string? token = AdminToken, string? accept = null) =>
        SendAsync(HttpMethod.Get, path, token, null, accept);

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(sink, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Request bodies.</summary>
public static class Bodies
{
    public static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent RawJson(string body) => new(body, Encoding.UTF8, "application/json");

    public static StringContent Xml(string body) => new(body, Encoding.UTF8, "application/xml");
}

public sealed record TestPerson(long Id, string Token, int GroupId, string FirstName);

/// <summary>Group ids of the contract.</summary>
public static class Groups
{
    public const int Administrator = Caller.Administrator;
    public const int Manager = Caller.Manager;
    public const int Resource = Caller.Resource;
    public const int Executive = Caller.Executive;
}
