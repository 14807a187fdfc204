using System.Net;
using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

/// <summary>
/// Person filters on both engines: letters outside ASCII match without regard to case, exactly as ASCII ones do,
/// and lists count and order alike. The server folds case itself, so neither engine's collation decides.
/// </summary>
public abstract class PersonFilterTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    [SkippableTheory]
    [InlineData("firstname", "ÉLODIE", "élo")]
    [InlineData("lastname", "ΣΩΚΡΆΤΗΣ", "σωκράτ")]
    [InlineData("username", "дмитрий", "ДМИТ")]
    [InlineData("email", "ÇA.VA@EXEMPLE.TEST", "ça.va@exemple")]
    [InlineData("lastname", "Øresund", "ØRESUND")]
    public async Task FiltersIgnoreTheCaseOfLettersBeyondAscii(string field, string stored, string query)
    {
        // A lower-case tag in front keeps the match to this test's own person.
        var tag = Server.Unique("q").ToLowerInvariant();
        var id = await CreatePersonAsync(new Dictionary<string, object> { ["firstname"] = "Filter", [field] = tag + stored });

        var found = await Server.GetAsync($"/person/?{field}={Uri.EscapeDataString(tag + query)}");
        Assert.Equal(1, found.ListCount);
        Assert.Equal(id.ToString(), found.Items("person")[0].GetProperty("id").GetString());
        Assert.Equal(tag + stored, found.Items("person")[0].GetProperty(field).GetString());

        var searched = await Server.GetAsync($"/person/?search={Uri.EscapeDataString(tag + query)}");
        Assert.Equal(1, searched.ListCount);
    }

    [SkippableFact]
    public async Task FoldingIsAboutCaseOnlyNotAccents()
    {
        var tag = Server.Unique("q").ToLowerInvariant();
        await CreatePersonAsync(new Dictionary<string, object> { ["firstname"] = tag + "ÉLODIE" });

        Assert.Equal(1, (await Server.GetAsync($"/person/?firstname={Uri.EscapeDataString(tag + "élodie")}")).ListCount);
        Assert.Equal(0, (await Server.GetAsync($"/person/?firstname={Uri.EscapeDataString(tag + "elodie")}")).ListCount);
    }

    [SkippableFact]
    public async Task SearchFindsContactValuesBeyondAsciiWithoutCase()
    {
        var tag = Server.Unique("q").ToLowerInvariant();
        var id = await CreatePersonAsync(new Dictionary<string, object> { ["firstname"] = "Contact" });
        await Server.AddContactAsync(id, tag + "ŽLUŤOUČKÝ-KŮŇ", type: 5, descriptor: 16);

        var searched = await Server.GetAsync($"/person/?search={Uri.EscapeDataString(tag + "žluťoučký-kůň")}");
        Assert.Equal(1, searched.ListCount);
        Assert.Equal(id.ToString(), searched.Items("person")[0].GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task PersonFieldsBeyondAsciiComeBackUnchanged()
    {
        var fields = new Dictionary<string, object>
        {
            ["firstname"] = "Zoë 😀",
            ["lastname"] = "東京都",
            ["title"] = "Ελληνικά και ελληνικά",
            ["username"] = "Москва",
            ["email"] = "ünïcödé@exämple.test",
            ["notes"] = "שלום\nمرحبا\r\n𝄞",
        };
        var id = await CreatePersonAsync(fields);

        foreach (var accept in (string?[])[null, "application/xml"])
        {
            var read = await Server.GetAsync($"/person/{id}/", accept: accept);
            Assert.Equal(HttpStatusCode.OK, read.Status);
            foreach (var (field, value) in fields)
            {
                var answered = read.IsXml
                    ? read.Xml.Element("person")!.Element(field)!.Value
                    : read.Field("person", field);
                Assert.Equal(value, answered);
            }
        }
    }

    [SkippableFact]
    public async Task ListsAreOrderedByIdWhateverTheNamesAndCountEveryMatch()
    {
        var tag = Server.Unique("q").ToLowerInvariant();
        var ids = new List<long>();
        foreach (var name in (string[])["Ωmega", "Яна", "Élodie", "bob", "Anna"])
        {
            ids.Add(await CreatePersonAsync(new Dictionary<string, object> { ["firstname"] = tag + name }));
        }

        var all = await Server.GetAsync($"/person/?firstname={tag}");
        Assert.Equal(5, all.ListCount);
        Assert.Equal(ids, IdsOf(all));

        var page = await Server.GetAsync($"/person/?firstname={tag}&limit=2&offset=1");
        Assert.Equal(5, page.ListCount);
        Assert.Equal(ids.Skip(1).Take(2), IdsOf(page));

        var beyond = await Server.GetAsync($"/person/?firstname={tag}&offset=10");
        Assert.Equal(5, beyond.ListCount);
        Assert.Empty(IdsOf(beyond));
    }

    private async Task<long> CreatePersonAsync(Dictionary<string, object> fields)
    {
        var body = new Dictionary<string, object>(fields);
        body.TryAdd("groupid", Groups.Resource);
        var created = await Server.SendAsync(HttpMethod.Post, "/person/", Admin, Json(body));
        Assert.True(created.StatusCode == 201, created.ToString());
        return created.Id("person");
    }

    private static List<long> IdsOf(ApiResponse response) =>
        response.Items("person").Select(i => long.Parse(i.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

public sealed class PersonFilterOnSqlite(ServerFixture<Sqlite> server) : PersonFilterTests<Sqlite>(server);

public sealed class PersonFilterOnPostgres(ServerFixture<Postgres> server) : PersonFilterTests<Postgres>(server);
