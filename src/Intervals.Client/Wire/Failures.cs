using System.Net;

namespace Intervals.Client.Wire;

/// <summary>Builds every <see cref="IntervalsApiException"/>, so that messages and transience are decided in one place.</summary>
internal static class Failures
{
    public static IntervalsApiException Api(HttpStatusCode status, IntervalsErrorCode code, string? message, IReadOnlyList<string> verbose)
    {
        var summary = $"Intervals API error {(int)code} ({message ?? "no message"}), HTTP {(int)status}";
        if (verbose.Count > 0)
        {
            summary += ": " + string.Join("; ", verbose);
        }

        var transient = code is IntervalsErrorCode.TooFast or IntervalsErrorCode.Database or IntervalsErrorCode.ServiceOffline;
        return new IntervalsApiException(summary, status, code, message, verbose, transient, null);
    }

    /// <summary>A failure status without an error envelope, typically from a proxy in front of the API.</summary>
    public static IntervalsApiException Status(HttpStatusCode status, string? reason)
    {
        // Gateways and rate limiters in front of the API answer these without an envelope; they pass.
        var transient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        return new IntervalsApiException(
            $"HTTP {(int)status} {reason} without an Intervals error envelope", status, null, null, [], transient, null);
    }

    public static IntervalsApiException Malformed(HttpStatusCode status, Exception cause) =>
        new($"HTTP {(int)status} response is not the expected Intervals envelope: {cause.Message}",
            status, null, null, [], false, cause);

    public static IntervalsApiException Transport(HttpRequestException cause) =>
        new($"the request did not complete: {cause.Message}", null, null, null, [], true, cause);

    public static IntervalsApiException Timeout(OperationCanceledException cause) =>
        new("the request timed out", null, null, null, [], true, cause);
}
