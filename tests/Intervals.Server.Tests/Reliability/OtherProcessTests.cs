using Intervals.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Tests.Reliability;

/// <summary>Changes made to the database by another process while this one still trusts a cached token.</summary>
public sealed class OtherProcessTests(ServerFixture<Sqlite> server) : ApiTests<Sqlite>(server)
{
    [Fact]
    public async Task MeForAPersonDeletedElsewhereIsAnAuthenticationErrorNotAServerError()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        Assert.Equal(200, (await Server.GetAsync("/me/", person.Token)).StatusCode);

        await using (var other = new SqliteConnection(Server.ConnectionString + ";Pooling=False"))
        {
            await other.OpenAsync();
            await using var delete = other.CreateCommand();
            delete.CommandText = """
                DELETE FROM token WHERE personid = $id;
                DELETE FROM personcontact WHERE personid = $id;
                DELETE FROM person WHERE id = $id;
                """;
            delete.Parameters.AddWithValue("$id", person.Id);
            Assert.Equal(2, await delete.ExecuteNonQueryAsync());
        }

        // Within the token cache's few seconds the token still passes; /me must not fail on the missing row.
        var me = await Server.GetAsync("/me/", person.Token);
        Assert.Equal(401, me.StatusCode);
        Assert.Equal(9, me.ErrorCode);
    }
}
