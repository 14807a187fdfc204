using System.Data.Common;
using Intervals.Server.Api;
using Intervals.Server.Storage;
using Microsoft.Extensions.Options;

namespace Intervals.Server.Hosting;

/// <summary>
/// Whether the database has been migrated and the reference data loaded. When that fails at start because
/// the database cannot be reached (a missing or read-only folder, a locked file, PostgreSQL down), the
/// server still starts, answers error 20, and retries in the background until the fault is gone.
/// Configuration mistakes still stop the start: retrying cannot fix them.
/// </summary>
public sealed partial class DatabaseReadiness(
    IServiceProvider services, Database database, IOptions<IntervalsOptions> options, ILogger<DatabaseReadiness> log)
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>One attempt now; on a database fault, further attempts in the background until one succeeds.</summary>
    public async Task StartAsync(CancellationToken stopping)
    {
        var failure = await TryInitializeAsync(stopping);
        if (failure is null)
        {
            return;
        }

        var every = TimeSpan.FromSeconds(Math.Clamp(options.Value.DatabaseRetrySeconds, 0.1, 300));
        LogNotReady(failure, every.TotalSeconds);
        _ = Task.Run(() => RetryAsync(failure, every, stopping), CancellationToken.None);
    }

    /// <summary>Middleware step: error 20 while the database is not ready; health checks pass through.</summary>
    public Task GateAsync(HttpContext context, RequestDelegate next) =>
        _ready || Resources.HealthEndpoints.IsHealthCheck(context)
            ? next(context)
            : Api.Api.WriteErrorAsync(context, new ApiError(ApiErrorCode.Offline,
                "the database is not available yet; the server keeps retrying, try again shortly"));

    private async Task RetryAsync(string lastFailure, TimeSpan every, CancellationToken stopping)
    {
        var attempts = 1;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(every, stopping);
                attempts++;
                var failure = await TryInitializeAsync(stopping);
                if (failure is null)
                {
                    LogRecovered(attempts);
                    return;
                }

                if (failure != lastFailure)
                {
                    LogNotReady(failure, every.TotalSeconds);
                    lastFailure = failure;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Null when ready; otherwise the cause, for one log line.</summary>
    private async Task<string?> TryInitializeAsync(CancellationToken stopping)
    {
        try
        {
            await services.InitializeIntervalsAsync(stopping);
            _ready = true;
            return null;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            database.AfterFault();
            return database.Describe(e);
        }
    }

    [LoggerMessage(30, LogLevel.Error, "Database not ready: {Cause}; retrying every {Seconds} s and answering error 20 meanwhile")]
    private partial void LogNotReady(string cause, double seconds);

    [LoggerMessage(31, LogLevel.Information, "Database ready after {Attempts} attempts")]
    private partial void LogRecovered(int attempts);
}
