namespace Intervals.Client;

/// <summary>Where <see cref="IntervalsClient"/> sends its requests, as whom, and how it retries.</summary>
public sealed class IntervalsClientOptions
{
    /// <summary>The root of the hosted Intervals API.</summary>
    public static Uri HostedBaseAddress { get; } = new("https://api.myintervals.com/");

    /// <summary>The API root; defaults to <see cref="HostedBaseAddress"/>. Point it at a self-hosted server's root URL.</summary>
    public Uri BaseAddress { get; set; } = HostedBaseAddress;

    /// <summary>The person's 11-character API token, sent as the Basic user name on every request.</summary>
    public string Token { get; set; } = "";

    /// <summary>How many times a transient failure is retried; 0 turns retries off. Creates are never retried.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The delay before the first retry; each later retry doubles it, with random jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait before any retry, including one the server asks for with <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
