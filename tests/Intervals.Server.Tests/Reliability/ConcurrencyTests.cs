using Dapper;
using Intervals.Server.Storage;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests.Reliability;

public abstract class ConcurrencyTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    /// <summary>Type and descriptor pairs that belong together, so a mixed-up row is visible.</summary>
    private static readonly (int Type, int Descriptor)[] Pairs = [(1, 1), (1, 2), (2, 4), (2, 5), (3, 10), (4, 13), (5, 17)];

    [SkippableFact]
    public async Task AThousandConcurrentCreatesForOnePersonGiveExactlyAThousandRows()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Server.SendAsync(HttpMethod.Post, "/personcontact/", person.Token,
                Json(new { personid = person.Id, value = $"c{i}@example.test", contacttypeid = 1, contactdescriptorid = 1 }))));

        Assert.All(answers, a => Assert.True(a.StatusCode == 201, a.ToString()));
        var list = await Server.GetAsync($"/personcontact/?personid={person.Id}", person.Token);
        Assert.Equal(1000, list.ListCount);
        var values = list.Items("personcontact").Select(i => i.GetProperty("value").GetString()).ToHashSet();
        Assert.Equal(1000, values.Count);
        Assert.Equal(1000, answers.Select(a => a.Id("personcontact")).Distinct().Count());
    }

    [SkippableFact]
    public async Task TwoHundredConcurrentPartialUpdatesLeaveOneSubmittedTripleWhole()
    {
        var person = await Server.AddPersonAsync(Groups.Manager);
        var id = await Server.AddContactAsync(person.Id);
        var submitted = Enumerable.Range(0, 200)
            .Select(i => (Value: $"update {i}", Pairs[i % Pairs.Length].Type, Pairs[i % Pairs.Length].Descriptor))
            .ToList();

        var answers = await Task.WhenAll(submitted.Select(s => Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", person.Token,
            Json(new { value = s.Value, contacttypeid = s.Type, contactdescriptorid = s.Descriptor }))));

        Assert.All(answers, a => Assert.True(a.StatusCode == 202, a.ToString()));
        foreach (var answer in answers)
        {
            AssertWhole(answer.Item("personcontact"), submitted);
        }

        var final = await Server.GetAsync($"/personcontact/{id}/", person.Token);
        AssertWhole(final.Item("personcontact"), submitted);
    }

    [SkippableFact]
    public async Task ConcurrentDeleteAndUpdateOfOneRowHaveOneWinnerAndACleanAnswerForTheOther()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        for (var round = 0; round < 25; round++)
        {
            var id = await Server.AddContactAsync(person.Id);
            var delete = Server.SendAsync(HttpMethod.Delete, $"/personcontact/{id}/", person.Token);
            var update = Server.SendAsync(HttpMethod.Put, $"/personcontact/{id}/", person.Token, Json(new { value = $"round {round}" }));
            await Task.WhenAll(delete, update);

            Assert.True((await delete).StatusCode == 200, (await delete).ToString());
            var other = await update;
            Assert.True(other.StatusCode == 202 || (other.StatusCode == 404 && other.ErrorCode == 14), other.ToString());
            Assert.Equal(14, (await Server.GetAsync($"/personcontact/{id}/", person.Token)).ErrorCode);
        }
    }

    [SkippableFact]
    public async Task DeletingAPersonDuringContactWritesForThemLeavesNoOrphanRows()
    {
        for (var round = 0; round < 5; round++)
        {
            var person = await Server.AddPersonAsync(Groups.Resource);
            var existing = await Server.AddContactAsync(person.Id);
            var writes = Enumerable.Range(0, 40).Select(i => i % 4 == 0
                ? Server.SendAsync(HttpMethod.Put, $"/personcontact/{existing}/", Admin, Json(new { value = $"moved {i}" }))
                : Server.SendAsync(HttpMethod.Post, "/personcontact/", i % 2 == 0 ? Admin : person.Token,
                    Json(new { personid = person.Id, value = $"late {i}", contacttypeid = 2, contactdescriptorid = 4 })))
                .ToList();
            var deletion = Server.SendAsync(HttpMethod.Delete, $"/person/{person.Id}/", Admin);
            var answers = await Task.WhenAll(writes.Append(deletion));

            Assert.Equal(200, (await deletion).StatusCode);
            Assert.All(answers, a => Assert.True(
                a.StatusCode is 200 or 201 or 202 || (a.StatusCode, a.ErrorCode) is (400, 18) or (404, 14) or (401, 9), a.ToString()));
            Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM personcontact WHERE personid = @id", person.Id));
            Assert.Equal(0, await CountAsync(
                "SELECT COUNT(*) FROM personcontact c WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.personid)", 0));
        }
    }

    private async Task<long> CountAsync(string sql, long id)
    {
        await using var connection = await Server.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, new { id });
    }

    private static void AssertWhole(System.Text.Json.JsonElement item, List<(string Value, int Type, int Descriptor)> submitted)
    {
        var value = item.GetProperty("value").GetString();
        var match = submitted.Single(s => s.Value == value);
        Assert.Equal(match.Type.ToString(System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("contact_type_id").GetString());
        Assert.Equal(match.Descriptor.ToString(System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("contact_descriptor_id").GetString());
    }
}

public sealed class SqliteConcurrencyTests(ServerFixture<Sqlite> server) : ConcurrencyTests<Sqlite>(server);

public sealed class PostgresConcurrencyTests(ServerFixture<Postgres> server) : ConcurrencyTests<Postgres>(server);
