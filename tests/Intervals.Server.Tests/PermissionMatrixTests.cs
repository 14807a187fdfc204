using Intervals.Server.Tests.Infrastructure;
using static Intervals.Server.Tests.Infrastructure.Bodies;

namespace Intervals.Server.Tests;

public enum Target
{
    Own,
    Another,
    Private,
}

public enum Operation
{
    GetMember,
    GetCollection,
    Create,
    Update,
    Delete,
}

/// <summary>
/// Every group × operation × whose row × format, each cell with the status and API code the contract promises.
/// </summary>
public abstract class PermissionMatrixTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    public static TheoryData<int, Operation, Target, string, int, int?> Cells()
    {
        var data = new TheoryData<int, Operation, Target, string, int, int?>();
        foreach (var group in new[] { Groups.Administrator, Groups.Manager, Groups.Resource, Groups.Executive })
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                foreach (var target in Enum.GetValues<Target>())
                {
                    var (status, code) = Expected(group, operation, target);
                    data.Add(group, operation, target, "json", status, code);
                    data.Add(group, operation, target, "xml", status, code);
                }
            }
        }

        return data;
    }

    /// <summary>The contract's rules, written once: the table the tests check the server against.</summary>
    private static (int Status, int? Code) Expected(int group, Operation operation, Target target)
    {
        var success = operation switch
        {
            Operation.Create => 201,
            Operation.Update => 202,
            _ => 200,
        };
        var isRead = operation is Operation.GetMember or Operation.GetCollection;
        var allowed = group == Groups.Administrator
            || target == Target.Own
            || (isRead && (target == Target.Another || group == Groups.Manager));
        return allowed ? (success, null) : (403, 10);
    }

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public async Task EachCellOfThePermissionMatrixAnswersAsTheContractSays(
        int group, Operation operation, Target target, string format, int status, int? code)
    {
        var caller = await Server.AddPersonAsync(group);
        var ownerId = target switch
        {
            Target.Own => caller.Id,
            Target.Another => (await Server.AddPersonAsync(Groups.Resource)).Id,
            _ => (await Server.AddPersonAsync(Groups.Resource, isPrivate: true)).Id,
        };
        var contactId = await Server.AddContactAsync(ownerId, "matrix@example.test", 2, 4);
        var accept = format == "xml" ? "application/xml" : null;

        var response = operation switch
        {
            Operation.GetMember => await Server.GetAsync($"/personcontact/{contactId}/", caller.Token, accept),
            Operation.GetCollection => await Server.GetAsync($"/personcontact/?personid={ownerId}", caller.Token, accept),
            Operation.Create => await Server.SendAsync(HttpMethod.Post, "/personcontact/", caller.Token,
                Body(format, $"<personid>{ownerId}</personid><value>new@example.test</value><contacttypeid>1</contacttypeid><contactdescriptorid>1</contactdescriptorid>",
                    new { personid = ownerId, value = "new@example.test", contacttypeid = 1, contactdescriptorid = 1 }), accept),
            Operation.Update => await Server.SendAsync(HttpMethod.Put, $"/personcontact/{contactId}/", caller.Token,
                Body(format, "<value>changed@example.test</value>", new { value = "changed@example.test" }), accept),
            _ => await Server.SendAsync(HttpMethod.Delete, $"/personcontact/{contactId}/", caller.Token, null, accept),
        };

        Assert.True(status == response.StatusCode, $"expected {status}, got {response}");
        Assert.Equal(format == "xml", response.IsXml);
        Assert.Equal(code, response.ErrorCode);

        // A refused write leaves the row as it was.
        var after = await Server.GetAsync($"/personcontact/?personid={ownerId}");
        var values = after.Items("personcontact").Select(i => i.GetProperty("value").GetString()).ToList();
        if (code is not null)
        {
            Assert.Equal(["matrix@example.test"], values);
        }
    }

    private static StringContent Body(string format, string xmlFields, object json) =>
        format == "xml" ? Xml($"<personcontact>{xmlFields}</personcontact>") : Json(json);
}

public sealed class PermissionMatrixOnSqlite(ServerFixture<Sqlite> server) : PermissionMatrixTests<Sqlite>(server);

public sealed class PermissionMatrixOnPostgres(ServerFixture<Postgres> server) : PermissionMatrixTests<Postgres>(server);
