using Microsoft.AspNetCore.Hosting;

namespace Intervals.Client.Tests;

/// <summary>A server allowing five requests a minute from one address, so that a test can reach the limit.</summary>
public sealed class MinuteLimitedServer : IntervalsServer
{
    protected override void ConfigureLimits(IWebHostBuilder builder) =>
        builder.UseSetting("Intervals:RequestsPerMinute", "5");
}

/// <summary>A server allowing each person three requests a day.</summary>
public sealed class DayLimitedServer : IntervalsServer
{
    protected override void ConfigureLimits(IWebHostBuilder builder) =>
        builder.UseSetting("Intervals:RequestsPerDay", "3");
}
