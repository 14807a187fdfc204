using System.Net;

namespace Intervals.Client.Tests;

public sealed class ErrorTests(IntervalsServer server) : IClassFixture<IntervalsServer>
{
    [Fact]
    public async Task UnknownTokenFailsWithCode9AndStatus401()
    {
        var client = server.CreateIntervalsClient(IntervalsServer.NewToken());

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.GetMeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Equal(IntervalsErrorCode.InvalidAuthentication, failure.ErrorCode);
        Assert.Equal("Invalid authentication", failure.ErrorMessage);
        Assert.Equal(["the API token is not recognized"], failure.Verbose);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task InactivePersonFailsWithCode8()
    {
        var (_, token) = await server.AddPersonAsync(active: false);

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => server.CreateIntervalsClient(token).GetMeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Equal(IntervalsErrorCode.UserNotActive, failure.ErrorCode);
        Assert.Equal("User not active", failure.ErrorMessage);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task ResourceCannotAddContactsForSomeoneElse()
    {
        var (other, _) = await server.AddPersonAsync();
        var (_, token) = await server.AddPersonAsync();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token).CreatePersonContactAsync(PersonContactTests.New(other, 1, 1, "x@example.com")));

        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Equal(IntervalsErrorCode.Permission, failure.ErrorCode);
        Assert.Equal("Permissions error: no access to this information", failure.ErrorMessage);
        Assert.Contains(failure.Verbose, line => line.Contains("administrators", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecutiveCannotListPeople()
    {
        var (_, token) = await server.AddPersonAsync(IntervalsServer.Executive);

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => server.CreateIntervalsClient(token).ListPeopleAsync());

        Assert.Equal(IntervalsErrorCode.Permission, failure.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
    }

    [Fact]
    public async Task MissingContactFailsWithCode14AndStatus404()
    {
        var (_, token) = await server.AddPersonAsync();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token).GetPersonContactAsync(987_654));

        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal(IntervalsErrorCode.NotFound, failure.ErrorCode);
        Assert.Equal("Resource requested does not exist", failure.ErrorMessage);
        Assert.NotEmpty(failure.Verbose);
    }

    [Fact]
    public async Task DescriptorOfAnotherTypeFailsWithCode18NamingTheRule()
    {
        var (personId, token) = await server.AddPersonAsync();

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            server.CreateIntervalsClient(token).CreatePersonContactAsync(PersonContactTests.New(personId, 1, 5, "x@example.com")));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Equal(IntervalsErrorCode.Validation, failure.ErrorCode);
        Assert.Equal("Validation error", failure.ErrorMessage);
        Assert.Equal(["contactdescriptorid 5 does not belong to contacttypeid 1"], failure.Verbose);
        Assert.Contains("does not belong", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task BlankValueFailsWithCode18()
    {
        var (personId, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token);
        var created = await client.CreatePersonContactAsync(PersonContactTests.New(personId, 1, 1, "keep@example.com"));

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() =>
            client.UpdatePersonContactAsync(created.Id, new PersonContactChanges { Value = "   " }));

        Assert.Equal(IntervalsErrorCode.Validation, failure.ErrorCode);
        Assert.Contains(failure.Verbose, line => line.Contains("value", StringComparison.Ordinal));
        Assert.Equal("keep@example.com", (await client.GetPersonContactAsync(created.Id)).Value);
    }

    [Fact]
    public async Task BaseAddressThatIsNotTheApiRootFailsWithCode13()
    {
        var (_, token) = await server.AddPersonAsync();
        var client = server.CreateIntervalsClient(token, o => o.BaseAddress = new Uri(server.Server.BaseAddress, "v2/"));

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.ListContactTypesAsync());

        Assert.Equal(IntervalsErrorCode.UnknownResource, failure.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
    }
}
