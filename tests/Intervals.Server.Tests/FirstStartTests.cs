using System.Text.RegularExpressions;
using Intervals.Server.Tests.Infrastructure;

namespace Intervals.Server.Tests;

/// <summary>What a new user sees: the server started with no configuration at all.</summary>
public sealed partial class FirstStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("intervals-first-start-").FullName;

    [Fact]
    public async Task TheFirstStartCreatesADataFolderAndPrintsAWorkingAdministratorTokenOnce()
    {
        string token;
        await using (var first = await ServerProcess.StartAsync(_folder, []))
        {
            var match = PrintedToken().Match(first.Output);
            Assert.True(match.Success, first.Output);
            token = match.Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(_folder, "data", "intervals.db")));

            using var client = first.CreateClient(token);
            var me = await client.GetStringAsync("/me/");
            Assert.Contains("\"group\":\"Administrator\"", me, StringComparison.Ordinal);
            Assert.Contains("Database sqlite at", first.Output, StringComparison.Ordinal);
            Assert.Contains("4 groups, 5 contact types, 17 descriptors", first.Output, StringComparison.Ordinal);
            Assert.Contains("Now listening on: http://127.0.0.1:", first.Output, StringComparison.Ordinal);
        }

        await using var second = await ServerProcess.StartAsync(_folder, []);
        Assert.False(PrintedToken().IsMatch(second.Output), second.Output);
        Assert.DoesNotContain(token, second.Output, StringComparison.Ordinal);
        using var again = second.CreateClient(token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await again.GetAsync("/me/")).StatusCode);
    }

    [Fact]
    public async Task AConfiguredAdminTokenIsUsedExactlyAndNeverPrinted()
    {
        await using var server = await ServerProcess.StartAsync(_folder, ["--Intervals:AdminToken=Configured1"]);
        Assert.False(PrintedToken().IsMatch(server.Output), server.Output);
        Assert.DoesNotContain("Configured1", server.Output, StringComparison.Ordinal);
        using var client = server.CreateClient("Configured1");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/me/")).StatusCode);
    }

    [Fact]
    public async Task AdministrationCommandsOnAnEmptyDatabaseCreateNoAdministratorOfTheirOwn()
    {
        var added = await ServerProcess.RunAsync(_folder, "person", "add", "--firstname", "Owner", "--group", "Administrator");
        Assert.Equal(0, added.ExitCode);
        Assert.Equal("1", added.StdOut.Trim());
        var issued = await ServerProcess.RunAsync(_folder, "token", "issue", "--person", "1");
        Assert.Matches("^[A-Za-z0-9]{11}\n$", issued.StdOut);

        await using var server = await ServerProcess.StartAsync(_folder, []);
        Assert.False(PrintedToken().IsMatch(server.Output), server.Output);
        using var client = server.CreateClient(issued.StdOut.Trim());
        var people = await client.GetStringAsync("/person/?groupid=2");
        Assert.Contains("\"listcount\":1,", people, StringComparison.Ordinal);
        Assert.Contains("\"firstname\":\"Owner\"", people, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedAdminTokenStopsTheStartWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ServerProcess.StartAsync(_folder, ["--Intervals:AdminToken=short"]));
        Assert.Contains("Intervals:AdminToken must be exactly 11 letters or digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileFromTheFirstSchemaVersionIsUpgradedOnStartAndKeepsItsContacts()
    {
        await using (var first = await ServerProcess.StartAsync(_folder, ["--Intervals:AdminToken=Upgrading12"]))
        {
            using var client = first.CreateClient("Upgrading12");
            foreach (var value in new[] { "b@example.com", "a@example.com" })
            {
                using var body = Bodies.Json(new { personid = 1, value, contacttypeid = 1, contactdescriptorid = 1 });
                Assert.Equal(System.Net.HttpStatusCode.Created, (await client.PostAsync("/personcontact/", body)).StatusCode);
            }
        }

        // Take the file back to schema version 1 as the first release left it: the narrow list index, no version 2.
        var file = Path.Combine(_folder, "data", "intervals.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX ix_personcontact_person_items;
                CREATE INDEX ix_personcontact_person ON personcontact (personid, id);
                DELETE FROM schema_version WHERE version > 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var upgraded = await ServerProcess.StartAsync(_folder, []);
        using var again = upgraded.CreateClient("Upgrading12");
        var list = await again.GetStringAsync("/personcontact/?personid=1");
        Assert.Contains("\"listcount\":2,", list, StringComparison.Ordinal);
        Assert.True(list.IndexOf("b@example.com", StringComparison.Ordinal) < list.IndexOf("a@example.com", StringComparison.Ordinal), list);

        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await check.OpenAsync();
        await using var indexes = check.CreateCommand();
        indexes.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'personcontact'";
        Assert.Equal("ix_personcontact_person_items", await indexes.ExecuteScalarAsync());
        indexes.CommandText = "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY version)";
        Assert.Equal("1,2", await indexes.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("--Intervals:AuthCacheSeconds=NaN", "Intervals:AuthCacheSeconds must be between 0 and 3600")]
    [InlineData("--Intervals:AuthCacheSeconds=1e300", "Intervals:AuthCacheSeconds must be between 0 and 3600")]
    [InlineData("--Intervals:DatabaseRetrySeconds=NaN", "Intervals:DatabaseRetrySeconds must be between 0.1 and 3600")]
    [InlineData("--Intervals:RequestsPerMinute=-1", "Intervals:RequestsPerMinute must be 0 (off) or more")]
    [InlineData("--Intervals:FailedAuthTrackedAddresses=0", "Intervals:FailedAuthTrackedAddresses must be 1 or more")]
    public async Task ASettingOutOfRangeStopsTheStartWithOneLine(string setting, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(_folder, [setting]));
        Assert.Contains($"Intervals.Server cannot start: {message}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"shown only now:\s+([A-Za-z0-9]{11})\s")]
    private static partial Regex PrintedToken();
}
