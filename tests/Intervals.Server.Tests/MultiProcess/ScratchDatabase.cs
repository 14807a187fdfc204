using Intervals.Server.Tests.Infrastructure;
using Npgsql;

namespace Intervals.Server.Tests.MultiProcess;

/// <summary>
/// An empty PostgreSQL database and a working folder for server processes, both removed at the end, so a test
/// sees only what its own processes wrote.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Postgres _engine;

    private ScratchDatabase(Postgres engine, string connectionString, string workDirectory)
    {
        _engine = engine;
        ConnectionString = connectionString;
        WorkDirectory = workDirectory;
    }

    public string ConnectionString { get; }

    public string WorkDirectory { get; }

    /// <summary>The switches that point a server process, or the administration commands, at this database.</summary>
    public string[] ConfigArguments => ["--Database:Provider=postgres", $"--ConnectionStrings:Intervals={ConnectionString}"];

    /// <summary>Why the test cannot run here, for <see cref="Skip.If(bool, string)"/>; null when it can.</summary>
    public static string? SkipReason => new Postgres().SkipReason;

    /// <summary>A database on the cluster of INTERVALS_TEST_POSTGRES, or on <paramref name="adminConnectionString"/>.</summary>
    public static async Task<ScratchDatabase> CreateAsync(string? adminConnectionString = null)
    {
        var engine = adminConnectionString is null ? new Postgres() : new Postgres(adminConnectionString);
        var connectionString = await engine.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "intervals-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new ScratchDatabase(engine, connectionString, folder);
    }

    /// <summary>Runs one scalar query, for counts a user could also make with psql.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DropDatabaseAsync(ConnectionString);
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
