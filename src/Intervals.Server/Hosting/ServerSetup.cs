using Intervals.Server.Api;
using Intervals.Server.Resources;
using Intervals.Server.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ZLogger;

namespace Intervals.Server.Hosting;

/// <summary>The named steps Program.cs reads as a table of contents.</summary>
public static class ServerSetup
{
    /// <summary>Options, the database engine chosen by configuration, tokens and reference data.</summary>
    public static IServiceCollection AddIntervalsStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        if (CheckBinds<IntervalsOptions>(configuration, IntervalsOptions.Section)?.Problem() is { } problem)
        {
            throw new InvalidSettingException(problem);
        }

        CheckBinds<DatabaseOptions>(configuration, DatabaseOptions.Section);
        services.AddOptions<IntervalsOptions>().Bind(configuration.GetSection(IntervalsOptions.Section));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = configuration.GetConnectionString("Intervals");
            return options.Provider.ToLowerInvariant() switch
            {
                "sqlite" => new SqliteDatabase(
                    string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString(contentRoot) : connectionString,
                    options.Synchronous),
                "postgres" or "postgresql" => new PostgresDatabase(
                    string.IsNullOrWhiteSpace(connectionString)
                        ? throw new InvalidSettingException("ConnectionStrings:Intervals is required when Database:Provider is postgres")
                        : connectionString),
                _ => throw new InvalidSettingException($"Database:Provider must be sqlite or postgres, not '{options.Provider}'"),
            };
        });
        services.AddSingleton(provider =>
        {
            var tokens = new Tokens(provider.GetRequiredService<Database>(), provider.GetRequiredService<TimeProvider>());
            tokens.CacheFor = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<IntervalsOptions>>().Value.AuthCacheSeconds);
            return tokens;
        });
        services.AddSingleton<Catalog>();
        services.AddSingleton<Bootstrap>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<FailedAuthThrottle>();
        services.AddSingleton<RequestRateLimits>();
        return services;
    }

    /// <summary>A value that does not convert (<c>AuthCacheSeconds=abc</c>) is reported at start, as a setting error.</summary>
    private static TOptions? CheckBinds<TOptions>(IConfiguration configuration, string section)
        where TOptions : class
    {
        try
        {
            return configuration.GetSection(section).Get<TOptions>();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidSettingException(e.Message);
        }
    }

    /// <summary>
    /// Defaults below every other configuration source, so that the server behaves the same when started
    /// from a folder without its appsettings.json: framework logs at Warning, the request log at Information.
    /// </summary>
    public static ConfigurationManager AddIntervalsDefaults(this ConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

                // This category only ever logs request start and finish (Information); while it is enabled at
                // any level the framework also builds a tracing activity and a log scope for every request.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            },
        });
        return configuration;
    }

    /// <summary>
    /// One line an event on standard output, formatted straight to UTF-8 and written in batches by a background
    /// writer (ZLogger), so that the line each request logs costs neither a string nor a system call of its own.
    /// </summary>
    public static ILoggingBuilder AddIntervalsConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddZLoggerConsole(console =>
        {
            console.UsePlainTextFormatter(format => format.SetPrefixFormatter(
                $"{0:HH:mm:ss.fff} {1:short} {2}: ",
                (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp, info.LogLevel, info.Category)));
        });
        return logging;
    }

    /// <summary>
    /// Kestrel limits for a server on a public network. Anything Kestrel refuses itself gets a bare status
    /// without the envelope, so each limit sits above what a well-behaved client sends and the API's own
    /// checks (body size, credentials) answer first with the envelope.
    /// </summary>
    public static IWebHostBuilder UseIntervalsLimits(this IWebHostBuilder host) =>
        host.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = RequestBody.MaxBytes + 1;
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.MaxRequestHeaderCount = 100;
            limits.MaxRequestBufferSize = 1024 * 1024;
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(10));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(10));
            limits.MaxConcurrentConnections = 10_000;
            limits.MaxConcurrentUpgradedConnections = 0;
            limits.Http2.MaxStreamsPerConnection = 100;
            limits.Http2.MaxRequestHeaderFieldSize = 16 * 1024;
        });

    /// <summary>
    /// Migrates, seeds and loads reference data before the first request is served; the server (not the
    /// administration commands) also creates the first administrator.
    /// </summary>
    public static async Task InitializeIntervalsAsync(this IServiceProvider services, CancellationToken cancel, bool createAdministrator = true)
    {
        await services.GetRequiredService<Bootstrap>().RunAsync(createAdministrator, cancel);
        await services.GetRequiredService<Catalog>().LoadAsync(cancel);
    }

    /// <summary>
    /// Like <see cref="InitializeIntervalsAsync"/>, but a database that cannot be reached does not stop the
    /// start: the server answers error 20 and keeps trying.
    /// </summary>
    public static Task StartIntervalsAsync(this IServiceProvider services, CancellationToken stopping) =>
        services.GetRequiredService<DatabaseReadiness>().StartAsync(stopping);

    /// <summary>
    /// Request log, error envelope, database readiness, per-address limit, authentication, per-person limit,
    /// lower-case resource names, in that order.
    /// </summary>
    public static IApplicationBuilder UseIntervalsPipeline(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<DatabaseReadiness>();
        var limits = app.ApplicationServices.GetRequiredService<RequestRateLimits>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.Use(readiness.GateAsync);
        app.Use(limits.LimitAddressAsync);
        app.UseMiddleware<AuthenticationMiddleware>();
        app.Use(limits.LimitPersonAsync);
        app.Use(RejectUpperCaseResourceNames);
        return app;
    }

    public static IEndpointRouteBuilder MapIntervalsResources(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapPersonContacts();
        app.MapPeople();
        app.MapReferenceData();
        app.MapUnknownResources();
        return app;
    }

    /// <summary>Routing ignores case; the contract does not: <c>/PersonContact/</c> is an unknown resource.</summary>
    private static Task RejectUpperCaseResourceNames(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        var end = path.IndexOf('/', 1);
        var first = end < 0 ? path.AsSpan(1) : path.AsSpan(1, end - 1);
        if (first.ContainsAnyInRange('A', 'Z'))
        {
            return Api.Api.WriteErrorAsync(context, new ApiError(ApiErrorCode.UnknownResource, "resource names are lower-case"));
        }

        return next(context);
    }
}
