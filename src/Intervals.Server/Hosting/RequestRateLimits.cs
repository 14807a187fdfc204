using System.Globalization;
using System.Threading.RateLimiting;
using Intervals.Server.Api;
using Microsoft.Extensions.Options;

namespace Intervals.Server.Hosting;

/// <summary>
/// The contract's two request limits, each off when its option is 0: requests a minute from one address
/// (error 12, checked before authentication so that floods with bad credentials count too) and requests a
/// day from one person (error 11, checked once the caller is known). Both answer with <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// Built on System.Threading.RateLimiting's partitioned fixed windows rather than the rate-limiting
/// middleware, because the two limits need different error codes and the second needs the caller.
/// </remarks>
public sealed class RequestRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _perAddress;
    private readonly PartitionedRateLimiter<long>? _perPerson;

    public RequestRateLimits(IOptions<IntervalsOptions> options)
    {
        var perMinute = options.Value.RequestsPerMinute;
        var perDay = options.Value.RequestsPerDay;
        if (perMinute > 0)
        {
            _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
                RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(perMinute, TimeSpan.FromMinutes(1))));
        }

        if (perDay > 0)
        {
            _perPerson = PartitionedRateLimiter.Create<long, long>(person =>
                RateLimitPartition.GetFixedWindowLimiter(person, _ => Window(perDay, TimeSpan.FromDays(1))));
        }
    }

    /// <summary>Middleware step before authentication: the per-address limit.</summary>
    public Task LimitAddressAsync(HttpContext context, RequestDelegate next)
    {
        if (_perAddress is null || Resources.HealthEndpoints.IsHealthCheck(context))
        {
            return next(context);
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        using var lease = _perAddress.AttemptAcquire(address);
        return lease.IsAcquired
            ? next(context)
            : RefuseAsync(context, lease, ApiErrorCode.TooFast, "too many requests a minute from this address");
    }

    /// <summary>Middleware step after authentication: the per-person daily limit.</summary>
    public Task LimitPersonAsync(HttpContext context, RequestDelegate next)
    {
        if (_perPerson is null || Caller.Find(context) is not { } caller)
        {
            return next(context);
        }

        using var lease = _perPerson.AttemptAcquire(caller.PersonId);
        return lease.IsAcquired
            ? next(context)
            : RefuseAsync(context, lease, ApiErrorCode.DailyLimit, "the daily number of requests for this person is used up");
    }

    public void Dispose()
    {
        _perAddress?.Dispose();
        _perPerson?.Dispose();
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static Task RefuseAsync(HttpContext context, RateLimitLease lease, ApiErrorCode code, string reason)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Api.Api.WriteErrorAsync(context, new ApiError(code, $"{reason}; retry after {seconds} seconds"));
    }
}
