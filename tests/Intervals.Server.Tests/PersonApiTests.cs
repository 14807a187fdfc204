using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

/// <summary>The resources personcontact leans on: person, me, group, contacttype and contactdescriptor.</summary>
public abstract class PersonApiTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    [SkippableTheory]
    [InlineData("", 1)]
    [InlineData("?limit=1", 1)]
    [InlineData("?limit=1000000000000000000", 1)]
    [InlineData("?limit=0", 0)]
    [InlineData("?offset=1", 0)]
    public async Task MePagesLikeEveryOtherCollection(string query, int items)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var me = await Server.GetAsync("/me/" + query, person.Token);
        Assert.Equal(200, me.StatusCode);
        Assert.Equal(1, me.ListCount);
        Assert.Equal(items, me.Items("me").Count);
    }

    [SkippableTheory]
    [InlineData("?limit=abc", "limit must be a non-negative integer, not 'abc'")]
    [InlineData("?offset=-1", "offset must be a non-negative integer, not '-1'")]
    public async Task MeRefusesBadPaging(string query, string verbose)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var me = await Server.GetAsync("/me/" + query, person.Token);
        Assert.Equal(18, me.ErrorCode);
        Assert.Equal(verbose, Assert.Single(me.Verbose));
    }

    [SkippableFact]
    public async Task AnAdministratorCreatesReadsUpdatesAndDeletesAPerson()
    {
        var created = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new
        {
            firstname = "Grace",
            lastname = "Hopper",
            title = "Rear Admiral",
            username = "ghopper",
            email = "grace@example.test",
            groupid = "3",
            active = "t",
            @private = false,
            notes = "COBOL",
        }));
        Assert.Equal(201, created.StatusCode);
        var id = created.Id("person");
        Assert.Equal("Manager", created.Field("person", "group"));
        Assert.Equal("f", created.Field("person", "private"));
        Assert.Equal("t", created.Field("person", "active"));

        var updated = await Server.SendAsync(HttpMethod.Put, $"/person/{id}/", Admin, Json(new { title = "Commodore", @private = "t" }));
        Assert.Equal(202, updated.StatusCode);
        Assert.Equal("Commodore", updated.Field("person", "title"));
        Assert.Equal("Hopper", updated.Field("person", "lastname"));
        Assert.Equal("t", updated.Field("person", "private"));

        var read = await Server.GetAsync($"/person/{id}");
        Assert.Equal("grace@example.test", read.Field("person", "email"));
        Assert.Equal(["id", "firstname", "lastname", "title", "username", "email", "groupid", "group", "active", "private", "notes"],
            read.Item("person").EnumerateObject().Select(p => p.Name));

        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Delete, $"/person/{id}", Admin)).StatusCode);
        Assert.Equal(14, (await Server.GetAsync($"/person/{id}")).ErrorCode);
    }

    [SkippableFact]
    public async Task DeletingAPersonDeletesTheirContactsAndRevokesTheirToken()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        await Server.AddContactAsync(person.Id, "gone1@example.test");
        await Server.AddContactAsync(person.Id, "gone2@example.test");
        Assert.Equal(200, (await Server.GetAsync("/me/", person.Token)).StatusCode);

        Assert.Equal(200, (await Server.SendAsync(HttpMethod.Delete, $"/person/{person.Id}/", Admin)).StatusCode);

        Assert.Equal(0, (await Server.GetAsync($"/personcontact/?personid={person.Id}")).ListCount);
        Assert.Equal(9, (await Server.GetAsync("/me/", person.Token)).ErrorCode);
    }

    [SkippableFact]
    public async Task TheLastActiveAdministratorCannotBeDeletedDeactivatedOrDemoted()
    {
        // A second administrator of this test's own; every other active administrator is deactivated for the
        // length of the test (and restored), so the second one is the last.
        var second = await Server.AddPersonAsync(Groups.Administrator);
        var others = (await Server.GetAsync("/person/?groupid=2&active=t&limit=1000", second.Token)).Items("person")
            .Select(p => long.Parse(p.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(id => id != second.Id)
            .ToList();
        Assert.NotEmpty(others);
        Assert.Equal(202, (await Server.SendAsync(HttpMethod.Put, $"/person/{second.Id}", second.Token, Json(new { title = "Deputy" }))).StatusCode);

        // While another administrator is active, this one may step down.
        var demoted = await Server.SendAsync(HttpMethod.Put, $"/person/{second.Id}", Admin, Json(new { groupid = 3 }));
        Assert.Equal(202, demoted.StatusCode);
        await Server.SendAsync(HttpMethod.Put, $"/person/{second.Id}", Admin, Json(new { groupid = 2 }));

        foreach (var other in others)
        {
            Assert.Equal(202, (await Server.SendAsync(HttpMethod.Put, $"/person/{other}", second.Token, Json(new { active = "f" }))).StatusCode);
        }

        try
        {
            var delete = await Server.SendAsync(HttpMethod.Delete, $"/person/{second.Id}", second.Token);
            Assert.Equal(18, delete.ErrorCode);
            Assert.Contains($"person {second.Id} is the last active administrator and cannot be deleted", delete.Verbose);
            Assert.Equal(18, (await Server.SendAsync(HttpMethod.Put, $"/person/{second.Id}", second.Token, Json(new { active = "f" }))).ErrorCode);
            Assert.Equal(18, (await Server.SendAsync(HttpMethod.Put, $"/person/{second.Id}", second.Token, Json(new { groupid = 4 }))).ErrorCode);
            Assert.Equal(200, (await Server.GetAsync("/me/", second.Token)).StatusCode);
        }
        finally
        {
            foreach (var other in others)
            {
                await Server.SendAsync(HttpMethod.Put, $"/person/{other}", second.Token, Json(new { active = "t" }));
            }
        }
    }

    [SkippableFact]
    public async Task FirstnameIsRequiredAndLimitedTo65Characters()
    {
        var missing = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new { lastname = "Only" }));
        Assert.Contains("firstname is required", missing.Verbose);
        var longName = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new { firstname = new string('n', 66) }));
        Assert.Contains("firstname must be at most 65 characters, not 66", longName.Verbose);
        var badGroup = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new { firstname = "X", groupid = 9 }));
        Assert.Contains("groupid 9 does not exist", badGroup.Verbose);
        var badBool = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new { firstname = "X", active = "yes" }));
        Assert.Contains("active must be 't' or 'f' (or true, false, 1, 0), not 'yes'", badBool.Verbose);
    }

    [SkippableFact]
    public async Task BooleansAreAcceptedAsJsonBooleansOrTAndFStrings()
    {
        var asBool = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, RawJson("""{"firstname":"B1","private":true,"active":false}"""));
        Assert.Equal("t", asBool.Field("person", "private"));
        Assert.Equal("f", asBool.Field("person", "active"));
        var asText = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, RawJson("""{"firstname":"B2","private":"t","active":"f"}"""));
        Assert.Equal("t", asText.Field("person", "private"));
        Assert.Equal("f", asText.Field("person", "active"));
    }

    [SkippableTheory]
    [InlineData(Groups.Manager)]
    [InlineData(Groups.Resource)]
    [InlineData(Groups.Executive)]
    public async Task OnlyAdministratorsChangePeople(int group)
    {
        var caller = await Server.AddPersonAsync(group);
        Assert.Equal(10, (await Server.SendAsync(HttpMethod.Post, "/person/", caller.Token, Json(new { firstname = "No" }))).ErrorCode);
        Assert.Equal(10, (await Server.SendAsync(HttpMethod.Put, $"/person/{caller.Id}", caller.Token, Json(new { groupid = 2 }))).ErrorCode);
        Assert.Equal(10, (await Server.SendAsync(HttpMethod.Delete, $"/person/{caller.Id}", caller.Token)).ErrorCode);
        Assert.Equal(group.ToString(), (await Server.GetAsync($"/person/{caller.Id}")).Field("person", "groupid"));
    }

    [SkippableFact]
    public async Task ExecutivesCannotReadPeopleButCanReadThemselvesThroughMe()
    {
        var executive = await Server.AddPersonAsync(Groups.Executive);
        Assert.Equal(10, (await Server.GetAsync("/person/", executive.Token)).ErrorCode);
        Assert.Equal(10, (await Server.GetAsync($"/person/{executive.Id}", executive.Token)).ErrorCode);
        var me = await Server.GetAsync("/me/", executive.Token);
        Assert.Equal(200, me.StatusCode);
        Assert.Equal(executive.Id.ToString(), Assert.Single(me.Items("me")).GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task PrivatePeopleAreHiddenFromResourcesButNotFromManagers()
    {
        var hidden = await Server.AddPersonAsync(Groups.Resource, isPrivate: true);
        var resource = await Server.AddPersonAsync(Groups.Resource);
        var manager = await Server.AddPersonAsync(Groups.Manager);

        Assert.Equal(10, (await Server.GetAsync($"/person/{hidden.Id}", resource.Token)).ErrorCode);
        Assert.Equal(0, (await Server.GetAsync($"/person/?firstname={hidden.FirstName}", resource.Token)).ListCount);
        Assert.Equal(200, (await Server.GetAsync($"/person/{hidden.Id}", manager.Token)).StatusCode);
        Assert.Equal(1, (await Server.GetAsync($"/person/?firstname={hidden.FirstName}", manager.Token)).ListCount);
        Assert.Equal(200, (await Server.GetAsync($"/person/{hidden.Id}", hidden.Token)).StatusCode);
    }

    [SkippableFact]
    public async Task PersonListDefaultsToTenItemsAndCountsAll()
    {
        var prefix = Server.Unique("Many");
        for (var i = 0; i < 12; i++)
        {
            await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(new { firstname = $"{prefix}{i:00}" }));
        }

        var page = await Server.GetAsync($"/person/?firstname={prefix}");
        Assert.Equal(12, page.ListCount);
        Assert.Equal(10, page.Items("person").Count);
        var rest = await Server.GetAsync($"/person/?firstname={prefix}&offset=10");
        Assert.Equal(2, rest.Items("person").Count);
        var more = await Server.GetAsync($"/person/?firstname={prefix}&limit=50");
        Assert.Equal(12, more.Items("person").Count);
    }

    [SkippableFact]
    public async Task PersonFiltersMatchSubstringsWithoutCaseAndSearchAlsoMatchesContactValues()
    {
        var tag = Server.Unique("Zq");
        var created = await Server.SendAsync(HttpMethod.Post, "/person/", Admin,
            Json(new { firstname = $"Ann{tag}", lastname = "Lovelace", email = $"ADA{tag}@Example.test", groupid = 4, active = "t" }));
        var id = created.Id("person");
        var marker = Server.Unique("handle-");
        await Server.AddContactAsync(id, marker, 5, 16);

        Assert.Equal(1, (await Server.GetAsync($"/person/?firstname={tag.ToUpperInvariant()}")).ListCount);
        Assert.Equal(1, (await Server.GetAsync($"/person/?email=ada{tag.ToLowerInvariant()}")).ListCount);
        Assert.Equal(1, (await Server.GetAsync($"/person/?search={marker.ToUpperInvariant()}")).ListCount);
        Assert.Equal(1, (await Server.GetAsync($"/person/?firstname={tag}&groupid=4&active=t")).ListCount);
        Assert.Equal(0, (await Server.GetAsync($"/person/?firstname={tag}&groupid=3")).ListCount);
        Assert.Equal(0, (await Server.GetAsync($"/person/?firstname={tag}&active=f")).ListCount);
        Assert.Equal(0, (await Server.GetAsync($"/person/?search=%25{tag}")).ListCount);
    }

    [SkippableFact]
    public async Task MeReturnsTheCallerAsAOneItemArray()
    {
        var person = await Server.AddPersonAsync(Groups.Manager);
        var me = await Server.GetAsync("/me/", person.Token);
        var item = Assert.Single(me.Items("me"));
        Assert.Equal(person.FirstName, item.GetProperty("firstname").GetString());
        Assert.Equal("Manager", item.GetProperty("group").GetString());
        var xml = await Server.GetAsync("/me", person.Token, "application/xml");
        Assert.Equal(person.Id.ToString(), xml.Xml.Element("me")!.Element("item")!.Element("id")!.Value);
    }

    [SkippableFact]
    public async Task GroupsAreTheFourOfTheContract()
    {
        var groups = await Server.GetAsync("/group/");
        Assert.Equal(4, groups.ListCount);
        Assert.Equal(
            ["2:Administrator", "3:Manager", "4:Resource", "5:Executive"],
            groups.Items("group").Select(g => $"{g.GetProperty("id").GetString()}:{g.GetProperty("name").GetString()}"));
        Assert.Equal("Executive", (await Server.GetAsync("/group/5/")).Field("group", "name"));
    }

    [SkippableFact]
    public async Task ContactTypesAndDescriptorsAreSeededAsTheContractSays()
    {
        var types = await Server.GetAsync("/contacttype/");
        Assert.Equal(["email", "phone", "address", "website", "chat"], types.Items("contacttype").Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("address", (await Server.GetAsync("/contacttype/3")).Field("contacttype", "name"));

        string[][] expected =
        [
            ["Work", "Home", "Other"],
            ["Work", "Mobile", "Home", "Fax", "Other"],
            ["Work", "Home", "Other"],
            ["Work", "Personal", "Other"],
            ["Work", "Personal", "Other"],
        ];
        for (var type = 1; type <= 5; type++)
        {
            var descriptors = await Server.GetAsync($"/contactdescriptor/?contacttypeid={type}");
            Assert.Equal(expected[type - 1], descriptors.Items("contactdescriptor").Select(d => d.GetProperty("name").GetString()));
            Assert.All(descriptors.Items("contactdescriptor"), d => Assert.Equal(type.ToString(), d.GetProperty("contacttypeid").GetString()));
        }

        Assert.Equal("Mobile", (await Server.GetAsync("/contactdescriptor/5/")).Field("contactdescriptor", "name"));
    }

    [SkippableTheory]
    [InlineData(Groups.Manager)]
    [InlineData(Groups.Resource)]
    [InlineData(Groups.Executive)]
    public async Task EveryGroupReadsTheReferenceResources(int group)
    {
        var caller = await Server.AddPersonAsync(group);
        foreach (var path in new[] { "/group/", "/contacttype/", "/contactdescriptor/?contacttypeid=2", "/me/" })
        {
            Assert.Equal(200, (await Server.GetAsync(path, caller.Token)).StatusCode);
        }
    }
}

public sealed class PersonApiOnSqlite(ServerFixture<Sqlite> server) : PersonApiTests<Sqlite>(server);

public sealed class PersonApiOnPostgres(ServerFixture<Postgres> server) : PersonApiTests<Postgres>(server);
