using System.Net;
using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

public abstract class ContactApiTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    [SkippableFact]
    public async Task CreateReadUpdateDeleteOfAContactWorksEndToEnd()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "ada@example.test", contacttypeid = 1, contactdescriptorid = 1 }));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Id("personcontact");
        Assert.Equal("ada@example.test", created.Field("personcontact", "value"));
        Assert.Equal("email", created.Field("personcontact", "contact_type"));
        Assert.Equal("Work", created.Field("personcontact", "contact_descriptor"));

        var read = await Server.GetAsync($"/personcontact/{id}/", person.Token);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(person.Id.ToString(), read.Field("personcontact", "personid"));

        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", person.Token,
            Json(new { value = "+44 20 7946 0000", contacttypeid = 2, contactdescriptorid = 5 }));
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal("phone", updated.Field("personcontact", "contact_type"));
        Assert.Equal("Mobile", updated.Field("personcontact", "contact_descriptor"));

        var deleted = await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{id}/", person.Token);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(14, (await Server.GetAsync($"/personcontact/{id}/", person.Token)).ErrorCode);
    }

    [SkippableTheory]
    [InlineData("/personcontact/?personid={0}")]
    [InlineData("/personcontact?personid={0}")]
    [InlineData("/personcontact/?personid={0}&limit=5")]
    public async Task CollectionAnswersWithAndWithoutTrailingSlash(string template)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        await Server.AddContactAsync(person.Id);
        var response = await Server.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, person.Id));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.ListCount);
    }

    [SkippableTheory]
    [InlineData("/personcontact/{0}/")]
    [InlineData("/personcontact/{0}")]
    public async Task MemberAnswersWithAndWithoutTrailingSlashAndNeverRedirects(string template)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put })
        {
            var response = await Server.SendAsync(method, path, Admin, method == HttpMethod.Put ? Json(new { value = "new@example.test" }) : null);
            Assert.True(response.StatusCode is 200 or 202, response.ToString());
            Assert.Null(response.Headers.Location);
        }
    }

    [SkippableFact]
    public async Task PostOnAMemberUrlUpdatesAndPutOnTheCollectionCreates()
    {
        var person = await Server.AddPersonAsync(Groups.Manager);
        var created = await Server.SendAsync(HttpMethod.Put, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "put@example.test", contacttypeid = 1, contactdescriptorid = 2 }));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Id("personcontact");

        var updated = await Server.SendAsync(HttpMethod.Post, $"/personcontact/{id}/", person.Token, Json(new { value = "post@example.test" }));
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal("post@example.test", updated.Field("personcontact", "value"));
    }

    [SkippableFact]
    public async Task AnIdInTheBodyOnTheCollectionUrlMeansUpdate()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id);
        var updated = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, Json(new { id = id.ToString(), value = "by-body@example.test" }));
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal(id, updated.Id("personcontact"));
        Assert.Equal(1, (await Server.GetAsync($"/personcontact/?personid={person.Id}")).ListCount);
    }

    [SkippableFact]
    public async Task PartialUpdateChangesOnlyTheFieldsSent()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id, "keep@example.test", 1, 3);
        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}", person.Token, Json(new { contactdescriptorid = 2 }));
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal("keep@example.test", updated.Field("personcontact", "value"));
        Assert.Equal("2", updated.Field("personcontact", "contact_descriptor_id"));
        Assert.Equal("1", updated.Field("personcontact", "contact_type_id"));
    }

    [SkippableFact]
    public async Task AnItemReadBackCanBeSentAsItIsBecauseReadOnlyFieldsAreIgnored()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id, "round@example.test");
        var read = await Server.GetAsync($"/personcontact/{id}/", person.Token);
        var item = read.Item("personcontact").GetRawText().Replace("round@", "again@", StringComparison.Ordinal);
        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", person.Token, RawJson(item));
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal("again@example.test", updated.Field("personcontact", "value"));
    }

    [SkippableFact]
    public async Task IdsAreAcceptedAsJsonNumbersOrNumericStrings()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var body = $$"""{"personid":"{{person.Id}}","value":"x@example.test","contacttypeid":1,"contactdescriptorid":"3"}""";
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact", person.Token, RawJson(body));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("3", created.Field("personcontact", "contact_descriptor_id"));
    }

    [SkippableFact]
    public async Task AJsonBodyStartingWithAByteOrderMarkIsAccepted()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var body = new ByteArrayContent([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes(
            $$"""{"personid":{{person.Id}},"value":"bom@example.test","contacttypeid":1,"contactdescriptorid":1}""")]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("bom@example.test", created.Field("personcontact", "value"));
    }

    [SkippableFact]
    public async Task ABodyWithThousandsOfUnknownFieldsGetsAShortAnswer()
    {
        var id = await Server.AddContactAsync((await Server.AddPersonAsync(Groups.Resource)).Id);
        var body = "{" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"unknown{i}\":1")) + "}";
        var refused = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", Admin, RawJson(body));
        Assert.Equal(18, refused.ErrorCode);
        Assert.Equal(50, refused.Verbose.Count);
        Assert.Contains("unknown0", refused.Verbose[0], StringComparison.Ordinal);
        Assert.Equal("… and 2951 more problems of the same request", refused.Verbose[^1]);
    }

    [SkippableTheory]
    [InlineData("""{"value":true}""", "value must be text or a number, not true or false")]
    [InlineData("""{"contacttypeid":false}""", "contacttypeid must be text or a number, not true or false")]
    public async Task ATrueOrFalseForATextOrIdFieldIsRefusedNotStoredAsAFlag(string body, string verbose)
    {
        var id = await Server.AddContactAsync((await Server.AddPersonAsync(Groups.Resource)).Id, "kept@example.test");
        var refused = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", Admin, RawJson(body));
        Assert.Equal(18, refused.ErrorCode);
        Assert.Equal(verbose, Assert.Single(refused.Verbose));
        Assert.Equal("kept@example.test", (await Server.GetAsync($"/personcontact/{id}/")).Field("personcontact", "value"));

        var person = await Server.AddPersonAsync(Groups.Resource);
        var create = await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin,
            RawJson($$"""{"personid":{{person.Id}},"value":false,"contacttypeid":1,"contactdescriptorid":1}"""));
        Assert.Equal(["value must be text or a number, not true or false"], create.Verbose);
    }

    [SkippableFact]
    public async Task AQuotedCharsetIsAccepted()
    {
        var id = await Server.AddContactAsync((await Server.AddPersonAsync(Groups.Resource)).Id);
        var body = new StringContent("""{"value":"quoted@example.test"}""");
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=\"UTF-8\"");
        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", Admin, body);
        Assert.Equal(HttpStatusCode.Accepted, updated.Status);
        Assert.Equal("quoted@example.test", updated.Field("personcontact", "value"));
    }

    [SkippableTheory]
    [InlineData("ISO-8859-1", new byte[] { 0x6E, 0x61, 0xEF, 0x76, 0x65 }, "the request body is not valid UTF-8")]
    [InlineData("windows-1252", new byte[] { 0x6E, 0x61, 0xC3, 0xAF, 0x76, 0x65 }, "the XML declaration names encoding 'windows-1252': send UTF-8")]
    public async Task AnXmlBodyThatIsNotUtf8IsRefusedWhateverItsDeclarationSays(string declared, byte[] value, string verbose)
    {
        var id = await Server.AddContactAsync((await Server.AddPersonAsync(Groups.Resource)).Id, "before@example.test");
        var body = new ByteArrayContent([
            .. System.Text.Encoding.ASCII.GetBytes($"<?xml version=\"1.0\" encoding=\"{declared}\"?><personcontact><value>"),
            .. value,
            .. "</value></personcontact>"u8]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        var refused = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", Admin, body);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal(18, refused.ErrorCode);
        Assert.Equal(verbose, Assert.Single(refused.Verbose));
        Assert.Equal("before@example.test", (await Server.GetAsync($"/personcontact/{id}/")).Field("personcontact", "value"));
    }

    [SkippableTheory]
    [InlineData("FOO")]
    [InlineData("PROPFIND")]
    public async Task AnUnknownMethodOnAResourceIsError16WithTheMethodsItTakes(string method)
    {
        var response = await Server.SendAsync(new HttpMethod(method), "/personcontact/1/", Admin);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(16, response.ErrorCode);
        Assert.Equal("GET, POST, PUT, DELETE", response.Allow);
        var collection = await Server.SendAsync(new HttpMethod(method), "/personcontact/", Admin);
        Assert.Equal(16, collection.ErrorCode);
        Assert.Equal(13, (await Server.SendAsync(new HttpMethod(method), "/nothing-here/", Admin)).ErrorCode);
    }

    [SkippableFact]
    public async Task CollectionFiltersByTypeAndDescriptor()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        await Server.AddContactAsync(person.Id, "a@example.test", 1, 1);
        await Server.AddContactAsync(person.Id, "b@example.test", 1, 2);
        await Server.AddContactAsync(person.Id, "+1 555 0100", 2, 5);

        Assert.Equal(2, (await Server.GetAsync($"/personcontact/?personid={person.Id}&contacttypeid=1")).ListCount);
        var filtered = await Server.GetAsync($"/personcontact/?personid={person.Id}&contacttypeid=1&contactdescriptorid=2");
        Assert.Equal(1, filtered.ListCount);
        Assert.Equal("b@example.test", filtered.Items("personcontact")[0].GetProperty("value").GetString());
        Assert.Equal(0, (await Server.GetAsync($"/personcontact/?personid={person.Id}&contacttypeid=4")).ListCount);
    }

    [SkippableFact]
    public async Task AnUnknownPersonGivesAnEmptyList()
    {
        var response = await Server.GetAsync("/personcontact/?personid=987654321");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.ListCount);
        Assert.Empty(response.Items("personcontact"));
    }

    [SkippableFact]
    public async Task LimitAndOffsetPageInIdOrderWhileListcountCountsEveryMatch()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Server.AddContactAsync(person.Id, $"c{i}@example.test"));
        }

        var page = await Server.GetAsync($"/personcontact/?personid={person.Id}&limit=3&offset=2");
        Assert.Equal(7, page.ListCount);
        Assert.Equal(ids.Skip(2).Take(3).Select(i => i.ToString()), page.Items("personcontact").Select(i => i.GetProperty("id").GetString()));

        var tail = await Server.GetAsync($"/personcontact/?personid={person.Id}&offset=5");
        Assert.Equal(7, tail.ListCount);
        Assert.Equal(2, tail.Items("personcontact").Count);

        var beyond = await Server.GetAsync($"/personcontact/?personid={person.Id}&offset=50&limit=2");
        Assert.Equal(7, beyond.ListCount);
        Assert.Empty(beyond.Items("personcontact"));

        var all = await Server.GetAsync($"/personcontact/?personid={person.Id}");
        Assert.Equal(7, all.Items("personcontact").Count);
    }

    [SkippableTheory]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("offset=1.5", "offset")]
    [InlineData("offset=-3", "offset")]
    public async Task NegativeOrNonIntegerPagingIsAValidationError(string paging, string field)
    {
        var response = await Server.GetAsync($"/personcontact/?personid=1&{paging}");
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.StartsWith(field, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ValueIsTrimmedAndLineBreaksInsideAreKept()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "  1 Main St\nSpringfield  \n", contacttypeid = 3, contactdescriptorid = 10 }));
        Assert.Equal("1 Main St\nSpringfield", created.Field("personcontact", "value"));
    }

    [SkippableFact]
    public async Task ValidationErrorsNameEveryFieldAndRule()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, Json(new { value = "   " }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains("personid is required", response.Verbose);
        Assert.Contains("value must not be empty", response.Verbose);
        Assert.Contains("contacttypeid is required", response.Verbose);
        Assert.Contains("contactdescriptorid is required", response.Verbose);
    }

    [SkippableTheory]
    [InlineData(255, 201)]
    [InlineData(256, 400)]
    public async Task ValueIsLimitedTo255Characters(int length, int status)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var value = string.Concat(Enumerable.Repeat("😀", length));
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value, contacttypeid = 5, contactdescriptorid = 15 }));
        Assert.Equal(status, response.StatusCode);
        if (status == 400)
        {
            Assert.Contains("value must be at most 255 characters, not 256", response.Verbose);
        }
        else
        {
            Assert.Equal(value, response.Field("personcontact", "value"));
        }
    }

    [SkippableFact]
    public async Task ADescriptorOfAnotherTypeIsRefused()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "x@example.test", contacttypeid = 1, contactdescriptorid = 5 }));
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains("contactdescriptorid 5 does not belong to contacttypeid 1", response.Verbose);
    }

    [SkippableFact]
    public async Task APartialUpdateThatBreaksTheTypeAndDescriptorPairIsRefusedAndChangesNothing()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id, "pair@example.test", 1, 1);
        var response = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}", person.Token, Json(new { contacttypeid = 2, value = "changed" }));
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains("contactdescriptorid 1 does not belong to contacttypeid 2", response.Verbose);
        var read = await Server.GetAsync($"/personcontact/{id}");
        Assert.Equal("pair@example.test", read.Field("personcontact", "value"));
    }

    [SkippableTheory]
    [InlineData(999, 1, "contacttypeid 999 does not exist")]
    [InlineData(1, 999, "contactdescriptorid 999 does not exist")]
    public async Task ReferencesToMissingTypesOrDescriptorsAreRefused(int type, int descriptor, string message)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "x", contacttypeid = type, contactdescriptorid = descriptor }));
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(message, response.Verbose);
    }

    [SkippableFact]
    public async Task AnAdministratorCannotAddContactsForAPersonWhoDoesNotExist()
    {
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", Admin,
            Json(new { personid = 99999999, value = "x", contacttypeid = 1, contactdescriptorid = 1 }));
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains("personid 99999999 does not exist", response.Verbose);
    }

    [SkippableTheory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task ANonIntegerMemberIdIsAValidationError(string id)
    {
        var response = await Server.GetAsync($"/personcontact/{id}/");
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.StartsWith("id must be a positive integer", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task UnknownBodyFieldsAreRefusedByName()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "x", contacttypeid = 1, contactdescriptorid = 1, colour = "blue" }));
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains("'colour' is not a field of this resource", response.Verbose);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ABodyWithoutAJsonOrXmlContentTypeIsRefused(string? contentType)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var content = new StringContent($$"""{"personid":{{person.Id}},"value":"x","contacttypeid":1,"contactdescriptorid":1}""");
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, content);
        Assert.Equal(18, response.ErrorCode);
        Assert.Contains(response.Verbose, line => line.Contains("Content-Type", StringComparison.Ordinal));
        Assert.Equal(0, (await Server.GetAsync($"/personcontact/?personid={person.Id}")).ListCount);
    }

    [SkippableFact]
    public async Task AContentTypeWithACharsetParameterIsAccepted()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var content = new StringContent($$"""{"personid":{{person.Id}},"value":"x","contacttypeid":1,"contactdescriptorid":1}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.Created, (await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, content)).Status);
    }

    [SkippableFact]
    public async Task ContentTypeOnAGetOrDeleteIsIgnored()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var id = await Server.AddContactAsync(person.Id);
        var get = await Server.SendAsync(HttpMethod.Get, $"/personcontact/{id}", person.Token, new StringContent("", null, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, get.Status);
        var delete = await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{id}", person.Token, new StringContent("", null, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, delete.Status);
    }

    [SkippableFact]
    public async Task CreatingFromXmlWorksLikeJson()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var body = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <personcontact><personid>{person.Id}</personid><value>xml@example.test</value><contacttypeid>1</contacttypeid><contactdescriptorid>3</contactdescriptorid></personcontact>
            """;
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, Xml(body), accept: "application/xml");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("xml@example.test", created.Xml.Element("personcontact")!.Element("value")!.Value);
        Assert.Equal("Other", created.Xml.Element("personcontact")!.Element("contact_descriptor")!.Value);
    }

    [SkippableFact]
    public async Task CustomIntervalsHeadersAreAcceptedAndIgnored()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/personcontact/?personid={person.Id}");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(person.Token + ":")));
        request.Headers.Add("X-Intervals-Send-Notifications", "t");
        request.Headers.Add("X-Intervals-Disable-Action-Notes", "t");
        using var response = await Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ContactApiOnSqlite(ServerFixture<Sqlite> server) : ContactApiTests<Sqlite>(server);

public sealed class ContactApiOnPostgres(ServerFixture<Postgres> server) : ContactApiTests<Postgres>(server);
