using System.Net;

namespace Intervals.Client.Tests;

public sealed class RetryTests(IntervalsServer server) : IClassFixture<IntervalsServer>
{
    [Fact]
    public async Task ReadIsRetriedOnceAfterAServiceOfflineEnvelope()
    {
        var (id, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenEnvelope(HttpStatusCode.BadGateway, 20, "Service offline");

        var me = await server.CreateIntervalsClient(token, handler: faults).GetMeAsync();

        Assert.Equal(id, me.Id);
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task ReadIsRetriedOnceAfterATransportFault()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenTransportFault();

        var types = await server.CreateIntervalsClient(token, handler: faults).ListContactTypesAsync();

        Assert.Equal(5, types.Count);
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task UpdateIsRetriedAfterADatabaseError()
    {
        var (personId, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        var client = server.CreateIntervalsClient(token, handler: faults);
        var created = await client.CreatePersonContactAsync(PersonContactTests.New(personId, 1, 1, "a@example.com"));
        faults.ThenEnvelope(HttpStatusCode.InternalServerError, 19, "Database error");

        var updated = await client.UpdatePersonContactAsync(created.Id, new PersonContactChanges { Value = "b@example.com" });

        Assert.Equal("b@example.com", updated.Value);
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task RequestsTooFastAreRetriedAfterTheWaitTheServerAsks()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenEnvelope(HttpStatusCode.BadRequest, 12, "Requests too fast", TimeSpan.Zero);

        var groups = await server.CreateIntervalsClient(token, handler: faults).ListGroupsAsync();

        Assert.Equal(4, groups.Count);
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task CreateIsNotRetriedWhenItsResponseIsLost()
    {
        var (personId, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenLoseTheResponse();
        var client = server.CreateIntervalsClient(token, handler: faults);

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            client.CreatePersonContactAsync(PersonContactTests.New(personId, 1, 1, "once@example.com")));

        Assert.True(failure.IsTransient);
        Assert.Equal(IntervalsErrorCode.ServiceOffline, failure.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
        Assert.Equal(1, faults.Attempts);
        var stored = await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId });
        Assert.Equal("once@example.com", Assert.Single(stored.Items).Value);
    }

    [Fact]
    public async Task CreateIsNotRetriedAfterATransportFault()
    {
        var (personId, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenTransportFault();
        var client = server.CreateIntervalsClient(token, handler: faults);

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            client.CreatePersonContactAsync(PersonContactTests.New(personId, 1, 1, "never@example.com")));

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Null(failure.ErrorCode);
        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Equal(1, faults.Attempts);
        Assert.Empty((await client.ListPersonContactsAsync(new PersonContactQuery { PersonId = personId })).Items);
    }

    [Fact]
    public async Task DeleteWhoseResponseIsLostSucceedsWhenTheRetryFindsItGone()
    {
        var (personId, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        var client = server.CreateIntervalsClient(token, handler: faults);
        var created = await client.CreatePersonContactAsync(PersonContactTests.New(personId, 1, 1, "bye@example.com"));
        faults.ThenLoseTheResponse();

        await client.DeletePersonContactAsync(created.Id);

        Assert.Equal(3, faults.Attempts);
        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.GetPersonContactAsync(created.Id));
        Assert.Equal(IntervalsErrorCode.NotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task DeleteOfAContactThatNeverExistedStillFailsWithCode14()
    {
        var (_, token) = await server.AddPersonAsync();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token).DeletePersonContactAsync(876_543));

        Assert.Equal(IntervalsErrorCode.NotFound, failure.ErrorCode);
    }

    [Fact]
    public async Task RetriesStopAfterMaxRetries()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        for (var i = 0; i < 5; i++)
        {
            faults.ThenEnvelope(HttpStatusCode.BadGateway, 20, "Service offline");
        }

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token, o => o.MaxRetries = 2, faults).GetMeAsync());

        Assert.Equal(IntervalsErrorCode.ServiceOffline, failure.ErrorCode);
        Assert.True(failure.IsTransient);
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task RetriesCanBeTurnedOff()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenTransportFault();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token, o => o.MaxRetries = 0, faults).GetMeAsync());

        Assert.True(failure.IsTransient);
        Assert.Equal(1, faults.Attempts);
    }

    [Fact]
    public async Task FailuresThatCannotPassAreNotRetried()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token, handler: faults).GetPersonContactAsync(765_432));

        Assert.False(failure.IsTransient);
        Assert.Equal(1, faults.Attempts);
    }

    [Fact]
    public async Task GatewayErrorWithoutAnEnvelopeIsTransientAndKeepsItsStatus()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().Then((_, _, _) => Task.FromResult(
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>down</html>") }));

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token, o => o.MaxRetries = 0, faults).GetMeAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Null(failure.ErrorCode);
        Assert.Empty(failure.Verbose);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task TimeoutIsATransientFailureWithoutAStatus()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler().ThenHang();
        var client = server.CreateIntervalsClient(token, o => o.MaxRetries = 0, faults, TimeSpan.FromMilliseconds(200));

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.GetMeAsync());

        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public async Task CancelledTokenStopsTheCallBeforeAnythingIsSent()
    {
        var (_, token) = await server.AddPersonAsync();
        var faults = new FaultInjectingHandler();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            server.CreateIntervalsClient(token, handler: faults).GetMeAsync(cancel.Token));

        Assert.Equal(0, faults.Attempts);
    }

    [Fact]
    public async Task CancellingARequestInFlightEndsItWithoutARetry()
    {
        var (_, token) = await server.AddPersonAsync();
        using var cancel = new CancellationTokenSource();
        var faults = new FaultInjectingHandler().Then(async (_, _, sent) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, sent);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            server.CreateIntervalsClient(token, handler: faults).ListContactTypesAsync(cancel.Token));

        Assert.Equal(1, faults.Attempts);
    }
}
