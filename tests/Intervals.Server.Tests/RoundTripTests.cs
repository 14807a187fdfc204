using System.Security;
using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

/// <summary>Awkward values go in and come back unchanged, whichever format carries them each way.</summary>
public abstract class RoundTripTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    public static TheoryData<string, string, string> Values()
    {
        string[] values =
        [
            "Zoë Ødegård <zoe@example.test>",
            "東京都千代田区千代田1-1",
            "Москва, Красная площадь",
            "القاهرة، مصر",
            "שלום עולם",
            "Ελληνικά και ελληνικά",
            "नमस्ते दुनिया",
            "😀 👩‍👩‍👧 🏳️‍🌈 party",
            "1 Main St\nApt 2\r\nSpringfield\tUSA",
            "<script>alert('x')</script> & \"quotes\" ]]> <![CDATA[ x ]]>",
            "' OR 1=1; -- %_\\",
            "a\u200Bb\u200Dc\u202Ed\u2066e",
            new string('é', 255),
            string.Concat(Enumerable.Repeat("𝄞", 255)),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var value in values)
        {
            foreach (var (send, read) in new[] { ("json", "json"), ("xml", "xml"), ("json", "xml"), ("xml", "json") })
            {
                data.Add(value, send, read);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Values))]
    public async Task AwkwardValuesRoundTripUnchanged(string value, string send, string read)
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var body = send == "json"
            ? Json(new { personid = person.Id, value, contacttypeid = 3, contactdescriptorid = 11 })
            : Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><personcontact><personid>{person.Id}</personid>"
                + $"<value>{XmlText(value)}</value><contacttypeid>3</contacttypeid><contactdescriptorid>11</contactdescriptorid></personcontact>");
        var accept = read == "xml" ? "application/xml" : "application/json";

        var created = await Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token, body, accept);
        Assert.Equal(201, created.StatusCode);
        Assert.Equal(value, ValueOf(created, single: true));

        var id = read == "xml" ? created.Xml.Element("personcontact")!.Element("id")!.Value : created.Field("personcontact", "id");
        var member = await Server.GetAsync($"/personcontact/{id}/", person.Token, accept);
        Assert.Equal(value, ValueOf(member, single: true));

        var list = await Server.GetAsync($"/personcontact/?personid={person.Id}", person.Token, accept);
        Assert.Equal(value, ValueOf(list, single: false));
    }

    private static string ValueOf(ApiResponse response, bool single)
    {
        if (response.IsXml)
        {
            var holder = response.Xml.Element("personcontact")!;
            return (single ? holder : holder.Element("item")!).Element("value")!.Value;
        }

        var json = response.Json.GetProperty("personcontact");
        return (single ? json : json[0]).GetProperty("value").GetString()!;
    }

    /// <summary>Escapes for an XML body; carriage returns as character references so the parser keeps them.</summary>
    private static string XmlText(string value) => SecurityElement.Escape(value)!.Replace("\r", "&#13;", StringComparison.Ordinal);
}

public sealed class RoundTripOnSqlite(ServerFixture<Sqlite> server) : RoundTripTests<Sqlite>(server);

public sealed class RoundTripOnPostgres(ServerFixture<Postgres> server) : RoundTripTests<Postgres>(server);
