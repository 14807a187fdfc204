using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Intervals.Server.Storage;

/// <summary>PostgreSQL, for several server processes on one database. Pooling is Npgsql's own.</summary>
public sealed class PostgresDatabase : Database, IAsyncDisposable
{
    // Any constant works; it only has to be the same in every process of this product.
    private const long MigrationLockKey = 0x1A7E_5C0_47AC7;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // The API sends a handful of statements over and over: let Npgsql keep them prepared per connection.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Engine => "postgres";

    public override string Location { get; }

    protected override string NoLimit => "ALL";

    public override string Contains(string haystack, string needle) => $"strpos({haystack}, {needle}) > 0";

    public override string ForUpdate => " FOR UPDATE";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancel) =>
        await _dataSource.OpenConnectionAsync(cancel);

    public override async Task<WriteScope> BeginWriteAsync(CancellationToken cancel)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancel);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancel);
            return new WriteScope(connection, transaction, null, DisposeConnection, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task MigrateAsync(Func<WriteScope, Task> afterMigrations, CancellationToken cancel)
    {
        await using var scope = await BeginWriteAsync(cancel);
        // Every process that starts at the same moment queues here; the first applies, the rest find it done.
        await scope.Connection.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, scope.Transaction);
        await Migrations.ApplyAsync(scope, "Postgres", cancel);
        await afterMigrations(scope);
        await scope.CommitAsync(cancel);
    }

    public override bool IsUnavailable(DbException exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException npgsql => npgsql.InnerException is SocketException or IOException or TimeoutException
            || npgsql.IsTransient,
        _ => false,
    };

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
