using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Intervals.Server.Api;
using ZLogger;

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
            var path = Loggable(context.Request.Path.Value ?? "/");

            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (Caller.Find(context)?.PersonId is { } personId)
            {
                LogRequest(context.Request.Method, path, context.Response.StatusCode, elapsedMs, personId);
            }
            else
            {
                LogAnonymousRequest(context.Request.Method, path, context.Response.StatusCode, elapsedMs);
            }
        }
    }

    /// <summary>Characters that could end a log line or rewrite the terminal: C0 and C1 controls, DEL, line and paragraph separators.</summary>
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Append(0x2028).Append(0x2029).Select(c => (char)c)));

    /// <summary>
    /// The path as one short printable line. Kestrel decodes the path, so <c>%0A</c> arrives as a line break that
    /// would let a client forge log lines; such characters are written as <c>\u</c> escapes.
    /// </summary>
    public static string Loggable(string path)
    {
        if (path.Length > 200)
        {
            path = path[..200] + "…";
        }

        if (!path.AsSpan().ContainsAny(Unprintable))
        {
            return path;
        }

        var line = new StringBuilder(path.Length + 16);
        foreach (var c in path)
        {
            if (Unprintable.Contains(c))
            {
                line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    // ZLogger's generator writes the fields straight into its UTF-8 buffer; the framework's would format a string.
    [ZLoggerMessage(LogLevel.Information, "{method} {path} {status} {elapsedMs:0.00} ms person {personId}")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, long personId);

    [ZLoggerMessage(LogLevel.Information, "{method} {path} {status} {elapsedMs:0.00} ms person -")]
    private partial void LogAnonymousRequest(string method, string path, int status, double elapsedMs);
}
