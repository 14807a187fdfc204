using System.Diagnostics;
using Intervals.Server.Api;

namespace Intervals.Server.Hosting;

/// <summary>One line a request: method, path without query, status, time and caller. No bodies, no tokens.</summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!log.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.Length > 200)
            {
                path = path[..200] + "…";
            }

            LogRequest(context.Request.Method, path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, Caller.Find(context)?.PersonId);
        }
    }

    [LoggerMessage(20, LogLevel.Information, "{Method} {Path} {Status} {ElapsedMs:0.0} ms person {PersonId}")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, long? personId);
}
