using System.Net;

namespace Intervals.Client.Tests;

// Each limit lives in the server for the whole class, so each class holds a single test.
public sealed class MinuteLimitTests(MinuteLimitedServer server) : IClassFixture<MinuteLimitedServer>
{
    [Fact]
    public async Task RequestsTooFastFailWithCode12OnceTheBoundedRetriesAreSpent()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        var client = server.CreateIntervalsClient(token, o => o.MaxRetries = 2, faults);

        var failure = await LimitTests.CallUntilRefusedAsync(client, faults);

        Assert.Equal(IntervalsErrorCode.TooFast, failure.Error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, failure.Error.StatusCode);
        Assert.Equal("Requests too fast", failure.Error.ErrorMessage);
        Assert.True(failure.Error.IsTransient);
        Assert.Equal(3, failure.Attempts);
    }
}

public sealed class DailyLimitTests(DayLimitedServer server) : IClassFixture<DayLimitedServer>
{
    [Fact]
    public async Task PersonOverTheDailyLimitFailsWithCode11WhichIsNotRetried()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        var client = server.CreateIntervalsClient(token, handler: faults);

        var failure = await LimitTests.CallUntilRefusedAsync(client, faults);

        Assert.Equal(IntervalsErrorCode.DailyLimitExceeded, failure.Error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, failure.Error.StatusCode);
        Assert.False(failure.Error.IsTransient);
        Assert.Equal(1, failure.Attempts);
    }
}

internal static class LimitTests
{
    /// <summary>Calls until the server refuses; returns the failure and how many attempts the refused call took.</summary>
    public static async Task<(IntervalsApiException Error, int Attempts)> CallUntilRefusedAsync(
        IntervalsClient client, FaultInjectingHandler faults)
    {
        for (var call = 0; call < 20; call++)
        {
            var before = faults.Attempts;
            try
            {
                await client.GetMeAsync();
            }
            catch (IntervalsApiException e)
            {
                return (e, faults.Attempts - before);
            }
        }

        throw new InvalidOperationException("the server never refused a request");
    }
}
