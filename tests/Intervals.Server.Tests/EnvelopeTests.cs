using System.Text.Json;
using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

/// <summary>The contract's envelopes, in JSON and XML, and how the format is chosen.</summary>
public abstract class EnvelopeTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    private static readonly string[] ItemFields =
        ["id", "personid", "contact_type_id", "contact_descriptor_id", "value", "contact_type", "contact_descriptor"];

    [SkippableFact]
    public async Task JsonCollectionEnvelopeHasNumbersOutsideAndStringsInsideItems()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        await Server.AddContactAsync(person.Id, "one@example.test");
        var response = await Server.GetAsync($"/personcontact/?personid={person.Id}", person.Token);
        var root = response.Json;

        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(["personid", "status", "code", "listcount", "personcontact"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("personid").ValueKind);
        Assert.Equal(person.Id, root.GetProperty("personid").GetInt64());
        Assert.Equal("OK", root.GetProperty("status").GetString());
        Assert.Equal(200, root.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("listcount").ValueKind);
        var item = Assert.Single(root.GetProperty("personcontact").EnumerateArray());
        Assert.Equal(ItemFields, item.EnumerateObject().Select(p => p.Name));
        Assert.All(item.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    [SkippableFact]
    public async Task JsonMemberCreateUpdateAndDeleteEnvelopes()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Json(new { personid = person.Id, value = "env@example.test", contacttypeid = 1, contactdescriptorid = 1 }));
        Assert.Equal(201, created.Json.GetProperty("code").GetInt32());
        Assert.Equal("Created", created.Json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, created.Item("personcontact").ValueKind);
        var id = created.Id("personcontact");

        var member = await Server.GetAsync($"/personcontact/{id}", person.Token);
        Assert.Equal(["personid", "status", "code", "personcontact"], member.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, member.Item("personcontact").ValueKind);

        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}", person.Token, Json(new { value = "v2@example.test" }));
        Assert.Equal(202, updated.Json.GetProperty("code").GetInt32());
        Assert.Equal("Accepted", updated.Json.GetProperty("status").GetString());
        Assert.Equal(ItemFields, updated.Item("personcontact").EnumerateObject().Select(p => p.Name));

        var deleted = await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{id}", person.Token);
        Assert.Equal(["personid", "status", "code"], deleted.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("OK", deleted.Json.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task XmlCollectionEnvelopeMirrorsJsonWithRepeatedItems()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        await Server.AddContactAsync(person.Id, "x1@example.test");
        await Server.AddContactAsync(person.Id, "x2@example.test");
        var response = await Server.GetAsync($"/personcontact/?personid={person.Id}", person.Token, "application/xml");
        var root = response.Xml;

        Assert.Equal("application/xml", response.ContentType);
        Assert.StartsWith("<?xml", response.Body, StringComparison.Ordinal);
        Assert.Equal("intervals", root.Name.LocalName);
        Assert.Equal(["personid", "status", "code", "listcount", "personcontact"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(person.Id.ToString(), root.Element("personid")!.Value);
        Assert.Equal("200", root.Element("code")!.Value);
        Assert.Equal("2", root.Element("listcount")!.Value);
        var items = root.Element("personcontact")!.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(ItemFields, items[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("x2@example.test", items[1].Element("value")!.Value);
    }

    [SkippableFact]
    public async Task XmlMemberCreateUpdateAndDeleteEnvelopes()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
            Xml($"<personcontact><personid>{person.Id}</personid><value>xml@example.test</value><contacttypeid>4</contacttypeid><contactdescriptorid>13</contactdescriptorid></personcontact>"),
            "text/xml");
        Assert.Equal(201, created.StatusCode);
        Assert.Equal("Created", created.Xml.Element("status")!.Value);
        var item = created.Xml.Element("personcontact")!;
        Assert.Equal(ItemFields, item.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("website", item.Element("contact_type")!.Value);
        var id = item.Element("id")!.Value;

        var member = await Server.GetAsync($"/personcontact/{id}", person.Token, "application/xml");
        Assert.Equal(["personid", "status", "code", "personcontact"], member.Xml.Elements().Select(e => e.Name.LocalName));

        var updated = await Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}", person.Token,
            Xml("<personcontact><value>v2</value></personcontact>"), "application/xml");
        Assert.Equal(202, updated.StatusCode);
        Assert.Equal("Accepted", updated.Xml.Element("status")!.Value);
        Assert.Equal("v2", updated.Xml.Element("personcontact")!.Element("value")!.Value);

        var deleted = await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{id}", person.Token, null, "application/xml");
        Assert.Equal(["personid", "status", "code"], deleted.Xml.Elements().Select(e => e.Name.LocalName));
    }

    [SkippableFact]
    public async Task ErrorEnvelopesCarryCodeMessageAndVerboseInBothFormats()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var json = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, Json(new { personid = person.Id }));
        Assert.Equal(["personid", "status", "code", "error"], json.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Bad Request", json.Json.GetProperty("status").GetString());
        var error = json.Json.GetProperty("error");
        Assert.Equal(18, error.GetProperty("code").GetInt32());
        Assert.Equal("Validation error", error.GetProperty("message").GetString());
        Assert.Contains("contacttypeid is required", json.Verbose);

        var xml = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, Json(new { personid = person.Id }), "application/xml");
        Assert.Equal("Bad Request", xml.Xml.Element("status")!.Value);
        Assert.Equal("18", xml.Xml.Element("error")!.Element("code")!.Value);
        Assert.Equal("Validation error", xml.Xml.Element("error")!.Element("message")!.Value);
        Assert.Contains("contacttypeid is required", xml.Verbose);
    }

    [SkippableFact]
    public async Task NullValuesAreJsonNullAndEmptyXmlElements()
    {
        var json = await Server.GetAsync("/me/");
        Assert.Equal(JsonValueKind.Null, json.Json.GetProperty("me")[0].GetProperty("lastname").ValueKind);
        var xml = await Server.GetAsync("/me/", accept: "application/xml");
        var lastname = xml.Xml.Element("me")!.Element("item")!.Element("lastname")!;
        Assert.Equal("", lastname.Value);
        Assert.False(lastname.HasElements);
    }

    [SkippableTheory]
    [InlineData(null, false)]
    [InlineData("*/*", false)]
    [InlineData("application/json", false)]
    [InlineData("text/html", false)]
    [InlineData("application/xml", true)]
    [InlineData("text/xml", true)]
    [InlineData("application/xml, */*", true)]
    [InlineData("application/json, application/xml", false)]
    [InlineData("application/xml, application/json", true)]
    [InlineData("application/json;q=0.5, application/xml", true)]
    [InlineData("application/xml;q=0.4, application/json;q=0.9", false)]
    [InlineData("application/xml;q=0", false)]
    [InlineData("not a media type;;;", false)]
    public async Task FormatFollowsAcceptAndDefaultsToJson(string? accept, bool xml)
    {
        var response = await Server.GetAsync("/contacttype/", accept: accept);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(xml ? "application/xml" : "application/json", response.ContentType);
    }

    [SkippableFact]
    public async Task ErrorsBeforeAuthenticationStillFollowAcceptAndHaveANullPersonid()
    {
        var json = await Server.GetAsync("/personcontact/?personid=1", token: null);
        Assert.Equal(JsonValueKind.Null, json.Json.GetProperty("personid").ValueKind);
        var xml = await Server.GetAsync("/personcontact/?personid=1", token: null, accept: "application/xml");
        Assert.Equal("", xml.Xml.Element("personid")!.Value);
        Assert.Equal("9", xml.Xml.Element("error")!.Element("code")!.Value);
    }
}

public sealed class EnvelopeOnSqlite(ServerFixture<Sqlite> server) : EnvelopeTests<Sqlite>(server);

public sealed class EnvelopeOnPostgres(ServerFixture<Postgres> server) : EnvelopeTests<Postgres>(server);
