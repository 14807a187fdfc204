namespace Intervals.Server.Hosting;

/// <summary>The <c>Intervals</c> configuration section.</summary>
public sealed class IntervalsOptions
{
    public const string Section = "Intervals";

    /// <summary>
    /// When set and the database has no active administrator, the first start creates one with exactly
    /// this token (11 letters or digits).
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>Seconds a token lookup is trusted; a revoked token stops working within this bound.</summary>
    public double AuthCacheSeconds { get; set; } = 2;

    /// <summary>Requests a minute from one address before error 12; 0 switches the limit off.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Requests a day from one person before error 11; 0 switches the limit off.</summary>
    public int RequestsPerDay { get; set; }

    /// <summary>
    /// Requests with wrong credentials a minute from one address before that address gets error 12 for the
    /// rest of the minute; 0 switches the throttle off.
    /// </summary>
    public int FailedAuthPerMinute { get; set; } = 20;

    /// <summary>Addresses the failed-authentication throttle remembers at once, which bounds its memory.</summary>
    public int FailedAuthTrackedAddresses { get; set; } = 10_000;

    /// <summary>Seconds between attempts to reach a database that was not ready when the server started.</summary>
    public double DatabaseRetrySeconds { get; set; } = 2;

    /// <summary>The first setting out of its range, as a line naming it and the rule; null when all are usable.</summary>
    public string? Problem() =>
        !double.IsFinite(AuthCacheSeconds) || AuthCacheSeconds is < 0 or > 3600
            ? $"Intervals:AuthCacheSeconds must be between 0 and 3600, not {AuthCacheSeconds}"
        : !double.IsFinite(DatabaseRetrySeconds) || DatabaseRetrySeconds is < 0.1 or > 3600
            ? $"Intervals:DatabaseRetrySeconds must be between 0.1 and 3600, not {DatabaseRetrySeconds}"
        : RequestsPerMinute < 0 ? $"Intervals:RequestsPerMinute must be 0 (off) or more, not {RequestsPerMinute}"
        : RequestsPerDay < 0 ? $"Intervals:RequestsPerDay must be 0 (off) or more, not {RequestsPerDay}"
        : FailedAuthPerMinute < 0 ? $"Intervals:FailedAuthPerMinute must be 0 (off) or more, not {FailedAuthPerMinute}"
        : FailedAuthTrackedAddresses < 1
            ? $"Intervals:FailedAuthTrackedAddresses must be 1 or more, not {FailedAuthTrackedAddresses}"
        : null;
}
