using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Storage;

/// <summary>
/// A connection lent to one request. <see cref="Command"/> hands out commands whose SQL the engine keeps
/// compiled between requests where it can: SQLite's driver compiles per command object, so the SQLite engine
/// lends long-lived connections that keep their commands; PostgreSQL prepares by itself (Npgsql auto-prepare).
/// </summary>
public class DbScope(
    DbConnection connection, DbTransaction? transaction, StatementCache? statements, Func<object, ValueTask> release, object owner)
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
        DbCommandExtensions.MarkUnbound(command);
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
            await release(owner);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A scope holding the write lock in a transaction; disposing without commit rolls back.</summary>
public sealed class WriteScope(
    DbConnection connection, DbTransaction transaction, StatementCache? statements, Func<object, ValueTask> release, object owner)
    : DbScope(connection, transaction, statements, release, owner)
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
    /// <summary>
    /// Sets <c>@name</c>. A kept command keeps its parameter objects and only their values change, named with
    /// the prefix so that the SQLite driver finds each by one lookup instead of trying every prefix in turn.
    /// </summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var existing = parameters[i];
            if (existing.ParameterName.AsSpan(1).SequenceEqual(name))
            {
                existing.Value = value ?? DBNull.Value;
                return command;
            }
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
        return command;
    }

    /// <summary>
    /// Before a kept command is used again: a parameter this use forgets to set must fail the statement, as a
    /// missing one would, never run with the previous request's value.
    /// </summary>
    internal static void MarkUnbound(DbCommand command)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Value = Unbound.Instance;
        }
    }

    /// <summary>A value no driver can bind.</summary>
    private sealed class Unbound
    {
        public static readonly Unbound Instance = new();

        public override string ToString() => "a parameter left unset";
    }

    /// <summary>
    /// Runs a query. The SQLite driver's asynchronous methods only wrap its synchronous ones in two tasks, so a
    /// SQLite command is run directly; other drivers do real I/O and are awaited.
    /// </summary>
    public static ValueTask<DbDataReader> ReaderAsync(this DbCommand command, CancellationToken cancel)
    {
        if (command is SqliteCommand sqlite)
        {
            cancel.ThrowIfCancellationRequested();
            return new(sqlite.ExecuteReader());
        }

        return new(command.ExecuteReaderAsync(cancel));
    }

    /// <summary>The single value of a query, or null when it returned no row or NULL.</summary>
    public static async Task<long?> ScalarAsync(this DbCommand command, CancellationToken cancel) =>
        await command.ExecuteScalarAsync(cancel) switch
        {
            null or DBNull => null,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
}
