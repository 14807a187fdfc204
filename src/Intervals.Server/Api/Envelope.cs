namespace Intervals.Server.Api;

/// <summary>Everything the envelope writer needs for one response, success or failure.</summary>
public sealed record Envelope(int HttpStatus, long? CallerId)
{
    public string? Resource { get; init; }

    public long? ListCount { get; init; }

    /// <summary>Items of a collection; written as an array (JSON) or repeated item elements (XML).</summary>
    public IReadOnlyList<Item>? Items { get; init; }

    /// <summary>A single member; written as an object (JSON) or fields directly (XML).</summary>
    public Item? Member { get; init; }

    public ApiError? Error { get; init; }

    public static string StatusText(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
