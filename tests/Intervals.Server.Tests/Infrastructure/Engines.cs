using Npgsql;

namespace Intervals.Server.Tests.Infrastructure;

/// <summary>A database engine the suite can run against; each fixture gets a fresh, empty database.</summary>
public interface IEngine
{
    string Provider { get; }

    /// <summary>Null when the engine can be used; otherwise why the tests on it are skipped and how to enable them.</summary>
    string? SkipReason { get; }

    Task<string> CreateDatabaseAsync();

    Task DropDatabaseAsync(string connectionString);
}

public sealed class Sqlite : IEngine
{
    public string Provider => "sqlite";

    public string? SkipReason => null;

    public Task<string> CreateDatabaseAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "intervals-tests");
        Directory.CreateDirectory(folder);
        return Task.FromResult($"Data Source={Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")}");
    }

    public Task DropDatabaseAsync(string connectionString)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(file + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL, enabled by INTERVALS_TEST_POSTGRES: a connection string to a server where the user may create
/// databases, e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres</c>.
/// </summary>
public sealed class Postgres : IEngine
{
    public const string Variable = "INTERVALS_TEST_POSTGRES";

    private readonly string? _admin;

    public Postgres()
        : this(AdminConnectionString)
    {
    }

    /// <summary>An engine on another cluster than the shared one, for tests that stop their database.</summary>
    public Postgres(string? adminConnectionString) => _admin = adminConnectionString;

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Provider => "postgres";

    public string? SkipReason => _admin is null
        ? $"PostgreSQL tests skipped: set {Variable} to a connection string of a PostgreSQL server (.ci/run does this)"
        : null;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "intervals_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
