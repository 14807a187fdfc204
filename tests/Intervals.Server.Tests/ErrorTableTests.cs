using System.Text;
using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

/// <summary>Each row of the contract's error table that a request can reach.</summary>
public abstract class ErrorTableTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    [SkippableTheory]
    [InlineData(null)]
    [InlineData("Bearer AdminToken1")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic QWRtaW5Ub2tlbjE=")]
    [InlineData("Basic c2hvcnQ6WA==")]
    [InlineData("Basic Tm9wZU5vcGUxMjM6WA==")]
    public async Task MissingMalformedOrUnknownCredentialsAre401WithCode9AndABasicChallenge(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/personcontact/?personid=1");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var message = await Server.Client.SendAsync(request);
        var response = new ApiResponse(message, await message.Content.ReadAsStringAsync());
        Assert.Equal(401, response.StatusCode);
        Assert.Equal(9, response.ErrorCode);
        Assert.Equal("Basic realm=\"Intervals\"", Assert.Single(message.Headers.WwwAuthenticate).ToString());
        Assert.NotEmpty(response.Verbose);
    }

    [SkippableTheory]
    [InlineData("X")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("anything at all")]
    public async Task ThePasswordIsIgnored(string password)
    {
        var response = await Server.SendAsync(HttpMethod.Get, "/me/", Admin, password: password);
        Assert.Equal(200, response.StatusCode);
    }

    [SkippableFact]
    public async Task ATokenOfAnInactivePersonIs401WithCode8()
    {
        var person = await Server.AddPersonAsync(Groups.Manager, active: false);
        var response = await Server.GetAsync("/me/", person.Token);
        Assert.Equal(401, response.StatusCode);
        Assert.Equal(8, response.ErrorCode);
    }

    [SkippableFact]
    public async Task DeactivatingAPersonStopsTheirToken()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        Assert.Equal(200, (await Server.GetAsync("/me/", person.Token)).StatusCode);
        await Server.SendAsync(HttpMethod.Put, $"/person/{person.Id}", Admin, Json(new { active = false }));
        Assert.Equal(8, (await Server.GetAsync("/me/", person.Token)).ErrorCode);
    }

    [SkippableTheory]
    [InlineData("/nothing/")]
    [InlineData("/nothing")]
    [InlineData("/PersonContact/")]
    [InlineData("/PERSON/1/")]
    [InlineData("/personcontact/1/extra/")]
    [InlineData("/")]
    [InlineData("/favicon.ico")]
    public async Task UnknownResourcesAre400WithCode13(string path)
    {
        var response = await Server.GetAsync(path);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(13, response.ErrorCode);
    }

    [SkippableTheory]
    [InlineData("/personcontact/99999999/")]
    [InlineData("/person/99999999/")]
    [InlineData("/contacttype/99/")]
    [InlineData("/contactdescriptor/999/")]
    [InlineData("/group/1/")]
    public async Task MissingMembersAre404WithCode14(string path)
    {
        var response = await Server.GetAsync(path);
        Assert.Equal(404, response.StatusCode);
        Assert.Equal(14, response.ErrorCode);
    }

    [SkippableFact]
    public async Task UpdatingOrDeletingAMissingContactIs404WithCode14()
    {
        Assert.Equal(14, (await Server.SendAsync(HttpMethod.Put, "/personcontact/99999999", Admin, Json(new { value = "x" }))).ErrorCode);
        Assert.Equal(14, (await Server.SendAsync(HttpMethod.Delete, "/personcontact/99999999", Admin)).ErrorCode);
    }

    [SkippableTheory]
    [InlineData("DELETE", "/personcontact/", "GET, POST, PUT")]
    [InlineData("PATCH", "/personcontact/1/", "GET, POST, PUT, DELETE")]
    [InlineData("POST", "/group/", "GET")]
    [InlineData("DELETE", "/group/2/", "GET")]
    [InlineData("PUT", "/contacttype/1/", "GET")]
    [InlineData("POST", "/contactdescriptor/", "GET")]
    [InlineData("DELETE", "/me/", "GET")]
    [InlineData("DELETE", "/person/", "GET, POST, PUT")]
    [InlineData("POST", "/healthz", "GET, HEAD")]
    public async Task MethodsAResourceDoesNotAllowAre400WithCode16AndAnAllowHeader(string method, string path, string allow)
    {
        var response = await Server.SendAsync(new HttpMethod(method), path, Admin, method is "POST" or "PUT" or "PATCH" ? Json(new { }) : null);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(16, response.ErrorCode);
        Assert.Equal(allow, response.Allow);
    }

    [SkippableTheory]
    [InlineData("/personcontact/?personid=1&colour=red", "colour")]
    [InlineData("/personcontact/1/?personid=1", "personid")]
    [InlineData("/contacttype/?personid=1", "personid")]
    [InlineData("/person/?nickname=x", "nickname")]
    [InlineData("/group/?q=1", "q")]
    public async Task UnknownQueryParametersAre400WithCode17NamingTheParameter(string path, string parameter)
    {
        var response = await Server.GetAsync(path);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(17, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.Contains($"'{parameter}'", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("/group/?limit=2&offset=1")]
    [InlineData("/contacttype/?limit=1")]
    [InlineData("/contactdescriptor/?contacttypeid=1&limit=1&offset=1")]
    public async Task LimitAndOffsetAreKnownOnEveryCollection(string path)
    {
        var response = await Server.GetAsync(path);
        Assert.Equal(200, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/personcontact/", "personid is required")]
    [InlineData("/personcontact/?personid=abc", "personid must be a positive integer, not 'abc'")]
    [InlineData("/personcontact/?personid=1&personid=2", "parameter 'personid' must be given once")]
    [InlineData("/contactdescriptor/", "contacttypeid is required")]
    [InlineData("/person/?active=maybe", "active must be 't' or 'f' (or true, false, 1, 0), not 'maybe'")]
    [InlineData("/personcontact/?personid=1%00", "personid must be a positive integer, not '1\\u0000'")]
    [InlineData("/personcontact/?personid=1&limit=2%00", "limit must be a non-negative integer, not '2\\u0000'")]
    [InlineData("/personcontact/?personid=1&offset=9223372036854775808", "offset must be at most 9223372036854775807, not '9223372036854775808'")]
    public async Task MissingOrMalformedFiltersAre400WithCode18(string path, string verbose)
    {
        var response = await Server.GetAsync(path);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(verbose, response.Verbose);
    }

    [SkippableTheory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("{\"value\":{\"a\":1}}", "value must be a string or a number")]
    [InlineData("{\"value\":\"a\",\"value\":\"b\"}", "value appears more than once")]
    [InlineData("{} {}", "not valid JSON")]
    [InlineData("", "the request body is empty")]
    public async Task MalformedJsonBodiesAre400WithCode18(string body, string verbose)
    {
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin, RawJson(body));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.Contains(verbose, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("<person><value>x</value></person>", "root element must be <personcontact>")]
    [InlineData("<personcontact><value>x</personcontact>", "not well-formed XML")]
    [InlineData("<personcontact value=\"x\"/>", "takes no attributes")]
    [InlineData("<personcontact><personid><x>1</x></personid></personcontact>", "<personid> must hold text only, not elements")]
    [InlineData("<!DOCTYPE personcontact [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><personcontact><value>&x;</value></personcontact>", "DTD")]
    public async Task MalformedXmlBodiesAre400WithCode18(string body, string verbose)
    {
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin, Xml(body), "application/xml");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.Contains(verbose, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ABodyOverOneMebibyteIs400WithCode18()
    {
        var value = new string('a', 1024 * 1024);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin,
            new StringContent($$"""{"value":"{{value}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.Contains("must not exceed", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task NoErrorBodyRevealsStackTracesSqlOrPaths()
    {
        var responses = new List<ApiResponse>
        {
            await Server.GetAsync("/personcontact/?personid=1'%20OR%201=1--"),
            await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin, RawJson("{\"personid\":\"1; DROP TABLE person\"}")),
            await Server.SendAsync(HttpMethod.Post, "/person/", Admin, RawJson("{\"firstname\":\"x\",\"groupid\":\"99\"}")),
        };
        foreach (var response in responses)
        {
            Assert.Equal(400, response.StatusCode);
            Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("SELECT", response.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/work/", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task HealthAnswersWithoutAuthentication()
    {
        var response = await Server.GetAsync("/healthz", token: null);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.Json.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task EveryRequestIsLoggedOnceWithoutQueryStringTokenOrValues()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var marker = Server.Unique("secret-value-");
        await Server.AddContactAsync(person.Id, marker);
        await Server.GetAsync($"/personcontact/?personid={person.Id}&contacttypeid=1", person.Token);

        var logs = Server.Logs.ToArray();
        Assert.Contains(logs, line => line.Contains($"GET /personcontact/ 200", StringComparison.Ordinal)
            && line.Contains($"person {person.Id}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(person.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(Admin, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("contacttypeid=1", StringComparison.Ordinal));
    }
}

public sealed class ErrorTableOnSqlite(ServerFixture<Sqlite> server) : ErrorTableTests<Sqlite>(server);

public sealed class ErrorTableOnPostgres(ServerFixture<Postgres> server) : ErrorTableTests<Postgres>(server);
