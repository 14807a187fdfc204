using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Intervals.Client.Tests;

public sealed class ClientSetupTests(IntervalsServer server) : IClassFixture<IntervalsServer>
{
    // Only loopback addresses are ever used; the canned handler answers before anything leaves the process.
    private static readonly Uri Local = new("http://127.0.0.1:5099/");

    private const string MeJson = """
        {"personid":7,"status":"OK","code":200,"listcount":1,"me":[{"id":"7","firstname":"Ada","lastname":null,"title":null,
        "username":"ada","email":null,"groupid":"4","group":"Resource","active":"t","private":"f","notes":null}]}
        """;

    [Fact]
    public async Task RegisteredClientFromTheServiceCollectionReachesTheServer()
    {
        var (id, token) = await server.AddPersonAsync();
        var services = new ServiceCollection();
        services.AddIntervalsClient(o =>
        {
            o.BaseAddress = server.Server.BaseAddress;
            o.Token = token;
        }).ConfigurePrimaryHttpMessageHandler(() => server.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var me = await provider.GetRequiredService<IntervalsClient>().GetMeAsync();

        Assert.Equal(id, me.Id);
    }

    [Fact]
    public void DefaultBaseAddressIsTheHostedApiRoot()
    {
        var options = new IntervalsClientOptions();

        Assert.Equal(new Uri("https://api.myintervals.com/"), options.BaseAddress);
        Assert.Equal(IntervalsClientOptions.HostedBaseAddress, options.BaseAddress);
        Assert.True(options.MaxRetries > 0);
    }

    [Fact]
    public void ClientWithoutATokenCannotBeCreated()
    {
        using var http = new HttpClient(new CannedResponseHandler(MeJson));

        Assert.Throws<ArgumentException>(() => new IntervalsClient(http, new IntervalsClientOptions { BaseAddress = Local }));
    }

    [Fact]
    public async Task EveryRequestSendsTheTokenAsBasicUserNameWithPasswordXAndAsksForJson()
    {
        var canned = new CannedResponseHandler(MeJson);
        using var http = new HttpClient(canned);
        var client = new IntervalsClient(http, new IntervalsClientOptions { BaseAddress = Local, Token = "abcDEF12345" });

        await client.GetMeAsync();
        await client.GetMeAsync();

        Assert.Equal(2, canned.Requests.Count);
        Assert.All(canned.Requests, request =>
        {
            Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
            Assert.Equal("abcDEF12345:X", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
            Assert.Equal("application/json", Assert.Single(request.Headers.Accept).MediaType);
        });
    }

    [Fact]
    public async Task BaseAddressWithAPathKeepsItWithOrWithoutATrailingSlash()
    {
        var canned = new CannedResponseHandler(MeJson);
        using var http = new HttpClient(canned);
        var client = new IntervalsClient(
            http, new IntervalsClientOptions { BaseAddress = new Uri("http://127.0.0.1:5099/intervals"), Token = "abcDEF12345" });

        await client.GetMeAsync();

        Assert.Equal("http://127.0.0.1:5099/intervals/me/", canned.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task WireStringsAndFlagsBecomeTypedValues()
    {
        using var http = new HttpClient(new CannedResponseHandler(MeJson));
        var client = new IntervalsClient(http, new IntervalsClientOptions { BaseAddress = Local, Token = "abcDEF12345" });

        var me = await client.GetMeAsync();

        Assert.Equal(7, me.Id);
        Assert.Equal(4, me.GroupId);
        Assert.True(me.Active);
        Assert.False(me.Private);
        Assert.Null(me.Email);
    }

    [Fact]
    public async Task RequestBodiesSendIdsAsNumbersAndOnlyTheChangedFields()
    {
        var canned = new CannedResponseHandler("""
            {"personid":7,"status":"Accepted","code":202,"personcontact":{"id":"3","personid":"7","contact_type_id":"1",
            "contact_descriptor_id":"2","value":"b@example.com","contact_type":"email","contact_descriptor":"Home"}}
            """, HttpStatusCode.Accepted);
        using var http = new HttpClient(canned);
        var client = new IntervalsClient(http, new IntervalsClientOptions { BaseAddress = Local, Token = "abcDEF12345" });

        await client.UpdatePersonContactAsync(3, new PersonContactChanges { ContactDescriptorId = 2 });

        Assert.Equal(HttpMethod.Put, canned.Requests[0].Method);
        Assert.Equal("/personcontact/3/", canned.Requests[0].RequestUri!.AbsolutePath);
        Assert.Equal("""{"contactdescriptorid":2}""", canned.Bodies[0]);
        Assert.Equal("application/json", canned.Requests[0].Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ResponseMissingARequiredFieldFailsAsAnUnexpectedResponse()
    {
        using var http = new HttpClient(new CannedResponseHandler("""
            {"personid":7,"status":"OK","code":200,"me":[{"id":"7","firstname":null,"groupid":"4","group":"Resource","active":"t","private":"f"}]}
            """));
        var client = new IntervalsClient(http, new IntervalsClientOptions { BaseAddress = Local, Token = "abcDEF12345" });

        var failure = await Assert.ThrowsAsync<IntervalsApiException>(() => client.GetMeAsync());

        Assert.Equal(HttpStatusCode.OK, failure.StatusCode);
        Assert.Null(failure.ErrorCode);
        Assert.False(failure.IsTransient);
    }
}
