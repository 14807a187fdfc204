using System.Text.RegularExpressions;
using Intervals.Server.Tests.Infrastructure;

namespace Intervals.Server.Tests;

/// <summary>The administration commands of the server executable, against the same database a server uses.</summary>
public abstract partial class CliTests<TEngine>(ServerFixture<TEngine> server) : ApiTests<TEngine>(server)
    where TEngine : IEngine, new()
{
    private Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] arguments) =>
        ServerProcess.RunAsync(Path.GetTempPath(), [.. arguments, .. Server.ConfigArguments]);

    [SkippableFact]
    public async Task PersonAddPrintsTheNewIdAndTokenIssueGivesThatPersonAWorkingToken()
    {
        var name = Server.Unique("Cli");
        var added = await RunAsync("person", "add", "--firstname", name, "--lastname", "Tester", "--group", "Manager");
        Assert.Equal(0, added.ExitCode);
        Assert.Matches("^[0-9]+\n$", added.StdOut);
        var id = long.Parse(added.StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var issued = await RunAsync("token", "issue", "--person", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, issued.ExitCode);
        Assert.Matches("^[A-Za-z0-9]{11}\n$", issued.StdOut);
        var token = issued.StdOut.Trim();
        Assert.Matches(TokenShape(), token);

        var me = await Server.GetAsync("/me/", token);
        Assert.Equal(200, me.StatusCode);
        var item = Assert.Single(me.Items("me"));
        Assert.Equal(name, item.GetProperty("firstname").GetString());
        Assert.Equal("Manager", item.GetProperty("group").GetString());
    }

    [SkippableFact]
    public async Task SettingsMayComeBeforeTheCommand()
    {
        var listed = await ServerProcess.RunAsync(Path.GetTempPath(), [.. Server.ConfigArguments, "token", "list"]);
        Assert.Equal(0, listed.ExitCode);
        Assert.StartsWith("personid\tname\tgroup\tactive\tissued\n", listed.StdOut, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PersonAddKeepsTheApisRulesForNames()
    {
        var refused = await RunAsync("person", "add", "--firstname", "a\u0001b", "--group", "Manager");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: firstname must not hold the control character U+0001", refused.StdErr, StringComparison.Ordinal);
        Assert.Equal("", refused.StdOut);
    }

    [SkippableFact]
    public async Task AChosenTokenIsUsedExactlyAndReplacesTheEarlierOne()
    {
        var person = await Server.AddPersonAsync(Groups.Resource);
        var chosen = "Chosen" + Random.Shared.Next(10000, 99999);
        var issued = await RunAsync("token", "issue", "--person", person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--token", chosen);
        Assert.Equal(0, issued.ExitCode);
        Assert.Equal(chosen, issued.StdOut.Trim());
        Assert.Equal(200, (await Server.GetAsync("/me/", chosen)).StatusCode);
        Assert.Equal(9, (await Server.GetAsync("/me/", person.Token)).ErrorCode);
    }

    [SkippableFact]
    public async Task TokenListNamesPeopleButNeverShowsTokensAndRevokeStopsAToken()
    {
        var person = await Server.AddPersonAsync(Groups.Executive);
        var id = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var listed = await RunAsync("token", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(listed.StdOut.Split('\n'), line => line.StartsWith(id + "\t" + person.FirstName, StringComparison.Ordinal));
        Assert.DoesNotContain(person.Token, listed.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(ServerFixture<TEngine>.AdminToken, listed.StdOut, StringComparison.Ordinal);

        var revoked = await RunAsync("token", "revoke", "--person", id);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(9, (await Server.GetAsync("/me/", person.Token)).ErrorCode);
        Assert.DoesNotContain((await RunAsync("token", "list")).StdOut.Split('\n'), line => line.StartsWith(id + "\t", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("token")]
    [InlineData("token", "issue")]
    [InlineData("token", "issue", "--person")]
    [InlineData("token", "issue", "--person", "abc")]
    [InlineData("token", "issue", "--person", "1", "--token", "short")]
    [InlineData("token", "issue", "--person", "1", "--token", "bad-chars!!")]
    [InlineData("token", "frobnicate")]
    [InlineData("person", "add", "--firstname", "X")]
    [InlineData("person", "add", "--firstname", "X", "--group", "Boss")]
    [InlineData("person", "add", "--group", "Manager")]
    [InlineData("token", "list", "--verbose")]
    [InlineData("tokn", "list")]
    public async Task WrongUsagePrintsUsageAndExitsNonZero(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Usage", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.Equal("", result.StdOut.Trim());
    }

    [SkippableFact]
    public async Task ATokenAnotherPersonHoldsIsRefusedWithoutRevealingWhoHoldsIt()
    {
        var holder = await Server.AddPersonAsync(Groups.Resource);
        var other = await Server.AddPersonAsync(Groups.Resource);
        var result = await RunAsync("token", "issue", "--person", other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--token", holder.Token);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("that token cannot be used: choose another", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await Server.GetAsync("/me/", holder.Token)).Items("me")[0].GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task IssuingATokenForAMissingPersonFails()
    {
        var result = await RunAsync("token", "issue", "--person", "99999999");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("person 99999999 does not exist", result.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9]{11}$")]
    private static partial Regex TokenShape();
}

public sealed class CliOnSqlite(ServerFixture<Sqlite> server) : CliTests<Sqlite>(server);

public sealed class CliOnPostgres(ServerFixture<Postgres> server) : CliTests<Postgres>(server);
