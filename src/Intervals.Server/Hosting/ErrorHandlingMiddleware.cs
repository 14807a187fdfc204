using System.Data.Common;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Hosting;

/// <summary>
/// The single exit for failures nothing else answered: bad requests Kestrel detects, database faults and
/// anything unexpected all leave as the contract's envelope, with no internals in the body.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, Database database, ILogger<ErrorHandlingMiddleware> log)
{
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
                var rule = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"the request body must not exceed {RequestBody.MaxBytes} bytes"
                    : "the request could not be read";
                return new ApiError(ApiErrorCode.Validation, rule);
            case DbException db when database.IsUnavailable(db):
                LogDatabaseUnavailable(db.GetType().Name, db.Message);
                return new ApiError(ApiErrorCode.Offline, "the database is unavailable; try again shortly");
            case DbException db:
                LogDatabaseError(db.GetType().Name, db.Message);
                return new ApiError(ApiErrorCode.Database, "the database could not complete the request");
            case TimeoutException:
                LogDatabaseUnavailable(exception.GetType().Name, exception.Message);
                return new ApiError(ApiErrorCode.Offline, "the database is unavailable; try again shortly");
            default:
                LogUnhandled(exception);
                return new ApiError(ApiErrorCode.General, "an unexpected error occurred; it has been logged");
        }
    }

    [LoggerMessage(10, LogLevel.Error, "Database unavailable: {Kind}: {Cause}")]
    private partial void LogDatabaseUnavailable(string kind, string cause);

    [LoggerMessage(11, LogLevel.Error, "Database error: {Kind}: {Cause}")]
    private partial void LogDatabaseError(string kind, string cause);

    [LoggerMessage(12, LogLevel.Error, "Unhandled error")]
    private partial void LogUnhandled(Exception exception);
}
