using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Intervals.Server.Hosting;

/// <summary>
/// Counts requests with wrong credentials per client address in one-minute windows. Once an address has
/// used up its allowance it is refused until its window ends, before its token is even looked up, so
/// guessing tokens costs a minute per handful of guesses. Memory is bounded by the number of addresses tracked.
/// </summary>
public sealed class FailedAuthThrottle(IOptions<IntervalsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _limit = Math.Max(0, options.Value.FailedAuthPerMinute);
    private readonly int _capacity = Math.Max(1, options.Value.FailedAuthTrackedAddresses);

    /// <summary>How long <paramref name="address"/> must wait; null when it may try.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (_limit == 0 || KeyOf(address) is not { } key)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.Ends <= now || entry.Failures < _limit)
            {
                return null;
            }

            return entry.Ends - now;
        }
    }

    /// <summary>Records one request with wrong credentials from <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        if (_limit == 0 || KeyOf(address) is not { } key)
        {
            return;
        }

        var now = clock.GetUtcNow();
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Ends > now)
            {
                _entries[key] = entry with { Failures = entry.Failures + 1 };
                return;
            }

            if (_entries.Count >= _capacity && !_entries.ContainsKey(key))
            {
                Purge(now);
                if (_entries.Count >= _capacity)
                {
                    // TODO: consequence: while more than the tracked number of addresses fail at once, new ones
                    // go uncounted; raise Intervals:FailedAuthTrackedAddresses if that happens.
                    return;
                }
            }

            _entries[key] = new Entry(now + Window, 1);
        }
    }

    /// <summary>
    /// The bucket an address counts against: IPv6 clients are counted per /64, the block one host usually
    /// holds. No address (an in-memory test host, a Unix socket) is not counted.
    /// </summary>
    private static string? KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString();
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Ends <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(DateTimeOffset Ends, int Failures);
}
