using System.Data.Common;

namespace Intervals.Server.Storage;

/// <summary>
/// A connection lent to one request. <see cref="Command"/> hands out commands whose SQL the engine keeps
/// compiled between requests where it can: SQLite's driver compiles per command object, so the SQLite engine
/// lends long-lived connections that keep their commands; PostgreSQL prepares by itself (Npgsql auto-prepare).
/// </summary>
public class DbScope(DbConnection connection, DbTransaction? transaction, StatementCache? statements, Func<ValueTask> release)
    : IAsyncDisposable
{
    private int _disposed;

    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction { get; } = transaction;

    /// <summary>A command for <paramref name="sql"/> with no parameters yet. Do not dispose it; the scope owns it.</summary>
    public DbCommand Command(string sql)
    {
        DbCommand command;
        if (statements is not null)
        {
            command = statements.Get(Connection, sql);
        }
        else
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync();
            }
        }
        finally
        {
            await release();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A scope holding the write lock in a transaction; disposing without commit rolls back.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, StatementCache? statements, Func<ValueTask> release)
    : DbScope(connection, transaction, statements, release)
{
    public new DbTransaction Transaction => base.Transaction!;

    public Task CommitAsync(CancellationToken cancel) => Transaction.CommitAsync(cancel);
}

/// <summary>The compiled commands of one physical connection, by SQL text; used by one request at a time.</summary>
public sealed class StatementCache
{
    private const int Capacity = 64;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbCommand Get(DbConnection connection, string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_commands.Count >= Capacity)
        {
            Clear();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    public void Clear()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

/// <summary>Parameter binding without ceremony: <c>command.With("id", 5)</c>.</summary>
public static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>The single value of a query, or null when it returned no row or NULL.</summary>
    public static async Task<long?> ScalarAsync(this DbCommand command, CancellationToken cancel) =>
        await command.ExecuteScalarAsync(cancel) switch
        {
            null or DBNull => null,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
}
