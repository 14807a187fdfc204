using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Storage;

/// <summary>
/// The embedded default engine. Writes in this process queue on a gate before they take SQLite's write
/// lock, so concurrent writers wait in order instead of spinning on SQLITE_BUSY.
/// </summary>
public sealed class SqliteDatabase : Database, IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private const int MaxIdleReaders = 32;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<Lease> _idleReaders = [];
    private int _idleCount;
    private int _generation;
    private Lease? _writer;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

    // Scopes are released through these, made once, rather than through a new closure for each request.
    private readonly Func<object, ValueTask> _returnReader;
    private readonly Func<object, ValueTask> _releaseWriter;

    public SqliteDatabase(string connectionString, string synchronous)
    {
        _returnReader = lease => ReturnReader((Lease)lease);
        _releaseWriter = _ => ReleaseWriter();
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            // Foreign keys are switched on with the other pragmas, once per native connection: set here, the
            // driver would run the pragma on every open.
            ForeignKeys = null,
            Pooling = true,
            Mode = SqliteOpenMode.ReadWriteCreate,
        };
        if (builder.DefaultTimeout == 30)
        {
            builder.DefaultTimeout = 15;
        }

        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            // The folder is created when the schema is migrated, not here: a folder that cannot be made must
            // leave the server running and answering error 20 until it can, not stop it from starting.
            builder.DataSource = Path.GetFullPath(file);
        }

        var level = synchronous.ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "EXTRA" => "EXTRA",
            "NORMAL" => "NORMAL",
            _ => throw new Hosting.InvalidSettingException(
                $"Database:Synchronous must be Normal, Full or Extra, not '{synchronous}'"),
        };
        _pragmas = $"PRAGMA synchronous = {level}; PRAGMA foreign_keys = ON;";
        _connectionString = builder.ToString();
        Location = builder.DataSource;
    }

    public override string Engine => "sqlite";

    public override string Location { get; }

    protected override string NoLimit => "-1";

    public override string Contains(string haystack, string needle) => $"instr({haystack}, {needle}) > 0";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancel);

            // The pool hands back the same native connection many times; its settings persist with it.
            if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancel);
                _configured.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Lends a connection that stays open between requests with its compiled statements: Microsoft.Data.Sqlite
    /// compiles SQL per command object and its pool keeps no commands, so reusing them saves most of a query's cost.
    /// </summary>
    public override ValueTask<DbScope> ReadAsync(CancellationToken cancel) =>
        TakeIdleReader() is { } idle ? new(Lend(idle)) : OpenReaderAsync(cancel);

    private async ValueTask<DbScope> OpenReaderAsync(CancellationToken cancel) =>
        Lend(new Lease(await OpenAsync(cancel), Volatile.Read(ref _generation)));

    private DbScope Lend(Lease lease) => new(lease.Connection, null, lease.Statements, _returnReader, lease);

    /// <summary>
    /// Writes go one at a time through the gate on one long-lived connection, which keeps its compiled
    /// statements; the transaction begins immediately so no other process can slip in between.
    /// </summary>
    public override async Task<WriteScope> BeginWriteAsync(CancellationToken cancel)
    {
        await _writeGate.WaitAsync(cancel);
        try
        {
            if (_writer is { } stale && stale.Generation != Volatile.Read(ref _generation))
            {
                _writer = null;
                await stale.DisposeAsync();
            }

            _writer ??= new Lease(await OpenAsync(cancel), Volatile.Read(ref _generation));
            var writer = _writer;
            DbTransaction transaction;
            try
            {
                // Microsoft.Data.Sqlite starts non-deferred transactions with BEGIN IMMEDIATE.
                transaction = await writer.Connection.BeginTransactionAsync(cancel);
            }
            catch
            {
                _writer = null;
                await writer.DisposeAsync();
                throw;
            }

            return new WriteScope(writer.Connection, transaction, writer.Statements, _releaseWriter, writer);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private Lease? TakeIdleReader()
    {
        while (_idleReaders.TryTake(out var lease))
        {
            Interlocked.Decrement(ref _idleCount);
            if (lease.Generation == Volatile.Read(ref _generation))
            {
                return lease;
            }

            lease.Dispose();
        }

        return null;
    }

    private ValueTask ReleaseWriter()
    {
        _writeGate.Release();
        return ValueTask.CompletedTask;
    }

    private ValueTask ReturnReader(Lease lease)
    {
        if (lease.Generation == Volatile.Read(ref _generation))
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdleReaders)
            {
                _idleReaders.Add(lease);
                return ValueTask.CompletedTask;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        return lease.DisposeAsync();
    }

    public override async Task MigrateAsync(Func<WriteScope, Task> afterMigrations, CancellationToken cancel)
    {
        if (Path.GetDirectoryName(Location) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using (var connection = await OpenAsync(cancel))
        {
            // WAL lets readers go on while one writer commits; it is a property of the file and persists.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        await using var scope = await BeginWriteAsync(cancel);
        await Migrations.ApplyAsync(scope, "Sqlite", cancel);
        await afterMigrations(scope);
        await scope.CommitAsync(cancel);
    }

    public override bool IsUnavailable(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 14 };

    public override bool IsConstraintViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 };

    public override string Describe(Exception exception)
    {
        if (exception is not SqliteException sqlite)
        {
            return $"{exception.GetType().Name}: {exception.Message} (database {Location})";
        }

        // Primary result codes; the extended code in the upper bits only refines them.
        var cause = (sqlite.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => "the database file is locked by another process or connection",
            8 => "the database file or its folder is read-only",
            10 => "a disk I/O error occurred",
            11 => "the database file is corrupt",
            13 => "the disk is full",
            14 => "the database file cannot be opened: its folder is missing or not accessible",
            23 => "access to the database file was denied",
            26 => "the file is not a SQLite database",
            _ => "SQLite reported an error",
        };
        return $"{cause} (database {Location}; SQLite error {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode})";
    }

    public override void AfterFault()
    {
        // Lent connections of an older generation are closed as they come back or are next taken.
        Interlocked.Increment(ref _generation);
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose()
    {
        Interlocked.Increment(ref _generation);
        while (_idleReaders.TryTake(out var lease))
        {
            lease.Dispose();
        }

        _writer?.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>A connection kept open across requests with the statements compiled on it.</summary>
    private sealed class Lease(DbConnection connection, int generation) : IAsyncDisposable, IDisposable
    {
        public DbConnection Connection { get; } = connection;

        public StatementCache Statements { get; } = new();

        public int Generation { get; } = generation;

        public ValueTask DisposeAsync()
        {
            Statements.Clear();
            return Connection.DisposeAsync();
        }

        public void Dispose()
        {
            Statements.Clear();
            Connection.Dispose();
        }
    }
}
