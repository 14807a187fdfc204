using Dapper;
using Intervals.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Intervals.Server.Storage;

/// <summary>Brings a database to the current schema and makes sure it has an administrator.</summary>
public sealed partial class Bootstrap(Database database, Tokens tokens, IOptions<IntervalsOptions> options, ILogger<Bootstrap> log)
{
    /// <summary>
    /// Migrates, and when <paramref name="createAdministrator"/> is set (the server, not the administration
    /// commands) creates the first administrator if there is no active one.
    /// </summary>
    public async Task RunAsync(bool createAdministrator, CancellationToken cancel)
    {
        var configured = string.IsNullOrWhiteSpace(options.Value.AdminToken) ? null : options.Value.AdminToken.Trim();
        if (configured is not null && !Tokens.IsWellFormed(configured))
        {
            throw new Hosting.InvalidSettingException("Intervals:AdminToken must be exactly 11 letters or digits");
        }

        string? printed = null;
        await database.MigrateAsync(
            async scope =>
            {
                await Tokens.EnsureKeyAsync(scope.Connection, scope.Transaction);
                if (createAdministrator)
                {
                    printed = await EnsureAdministratorAsync(scope, configured);
                }
            },
            cancel);

        await using var connection = await database.OpenAsync(cancel);
        var counts = await connection.QuerySingleAsync<(long, long, long, long)>(
            """
            SELECT (SELECT COUNT(*) FROM groups), (SELECT COUNT(*) FROM contacttype),
                   (SELECT COUNT(*) FROM contactdescriptor), (SELECT COUNT(*) FROM person)
            """);
        LogReady(database.Engine, database.Location, counts.Item1, counts.Item2, counts.Item3, counts.Item4);

        if (printed is not null)
        {
            // Written to the console, not the log: log sinks must never hold a token.
            Console.Out.WriteLine(
                $"""

                ================================================================
                 A new administrator was created. Its API token, shown only now:

                     {printed}

                 Use it as the Basic user name: curl -u {printed}:X ...
                ================================================================

                """);
        }
    }

    /// <summary>Returns the token to print when a random one was made, otherwise null.</summary>
    private async Task<string?> EnsureAdministratorAsync(WriteScope scope, string? configured)
    {
        var hasAdmin = await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM person WHERE groupid = 2 AND active = 1", transaction: scope.Transaction);
        if (hasAdmin > 0)
        {
            return null;
        }

        var id = await scope.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO person (firstname, lastname, groupid, active, private, firstname_fold)
            VALUES ('Administrator', NULL, 2, 1, 0, 'administrator')
            RETURNING id
            """,
            transaction: scope.Transaction);
        var token = await tokens.IssueAsync(scope.Connection, scope.Transaction, id, configured);
        LogAdministratorCreated(id, configured is null ? "a new random token" : "the configured Intervals:AdminToken");
        return configured is null ? token : null;
    }

    [LoggerMessage(1, LogLevel.Information,
        "Database {Engine} at {Location} ready: {Groups} groups, {ContactTypes} contact types, {Descriptors} descriptors, {People} people")]
    private partial void LogReady(string engine, string location, long groups, long contactTypes, long descriptors, long people);

    [LoggerMessage(2, LogLevel.Warning, "Created administrator {PersonId} with {TokenSource}")]
    private partial void LogAdministratorCreated(long personId, string tokenSource);
}
