using System.Data.Common;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Hosting;

/// <summary>
/// The single exit for failures nothing else answered: bad requests Kestrel detects, database faults and
/// anything unexpected all leave as the contract's envelope, with no internals in the body.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(
    RequestDelegate next, Database database, TimeProvider clock, ILogger<ErrorHandlingMiddleware> log)
{
    // A fault such as a full disk fails every request until it is fixed; one line per cause a minute tells
    // the operator without burying the log. Repeats go to Debug.
    private static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _faultGate = new();
    private string? _lastFault;
    private DateTimeOffset _lastFaultAt;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            if (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
            {
                return;
            }

            var error = Classify(exception);
            context.Response.Clear();
            await Api.Api.WriteErrorAsync(context, error);
        }
    }

    private ApiError Classify(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException bad:
                return new ApiError(ApiErrorCode.Validation, bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => $"the request body must not exceed {RequestBody.MaxBytes} bytes",
                    StatusCodes.Status408RequestTimeout => "the request body arrived too slowly",
                    _ => "the request could not be read",
                });
            case DbException db when database.IsConstraintViolation(db):
                return new ApiError(ApiErrorCode.Validation,
                    "a row this request refers to was changed or removed by another request; read it again and retry");
            case DbException db when database.IsUnavailable(db):
                Fault("unavailable", db);
                return new ApiError(ApiErrorCode.Offline, "the database is unavailable; try again shortly");
            case DbException db:
                Fault("error", db);
                return new ApiError(ApiErrorCode.Database, "the database could not complete the request");
            case TimeoutException:
                Fault("unavailable", exception);
                return new ApiError(ApiErrorCode.Offline, "the database is unavailable; try again shortly");
            default:
                LogUnhandled(exception);
                return new ApiError(ApiErrorCode.General, "an unexpected error occurred; it has been logged");
        }
    }

    private void Fault(string kind, Exception exception)
    {
        database.AfterFault();
        var cause = database.Describe(exception);
        var now = clock.GetUtcNow();
        bool first;
        lock (_faultGate)
        {
            first = cause != _lastFault || now - _lastFaultAt >= RepeatEvery;
            if (first)
            {
                (_lastFault, _lastFaultAt) = (cause, now);
            }
        }

        if (first)
        {
            LogDatabaseFault(kind, cause);
        }
        else
        {
            LogDatabaseFaultAgain(kind, cause);
        }
    }

    [LoggerMessage(10, LogLevel.Error, "Database {Kind}: {Cause}")]
    private partial void LogDatabaseFault(string kind, string cause);

    [LoggerMessage(11, LogLevel.Debug, "Database {Kind} again: {Cause}")]
    private partial void LogDatabaseFaultAgain(string kind, string cause);

    [LoggerMessage(12, LogLevel.Error, "Unhandled error")]
    private partial void LogUnhandled(Exception exception);
}
