using System.Data.Common;

namespace Intervals.Server.Storage;

/// <summary>
/// The seam between the API and a database engine: connections, the few SQL spellings that differ, write
/// transactions and migrations. Handlers see only this.
/// </summary>
public abstract class Database
{
    /// <summary>Engine name for logs and health: "sqlite" or "postgres".</summary>
    public abstract string Engine { get; }

    /// <summary>Where the data lives, without credentials (a file path, or host and database).</summary>
    public abstract string Location { get; }

    /// <summary>An expression true when <paramref name="haystack"/> contains <paramref name="needle"/>.</summary>
    public abstract string Contains(string haystack, string needle);

    /// <summary>The LIMIT keyword's argument meaning "no limit", for an OFFSET without a LIMIT.</summary>
    protected abstract string NoLimit { get; }

    /// <summary>The paging clause for parameters <c>@limit</c> and <c>@offset</c>; empty when neither applies.</summary>
    public string Page(long? limit, long offset) => (limit, offset) switch
    {
        (null, 0) => "",
        (null, _) => $" LIMIT {NoLimit} OFFSET @offset",
        _ => " LIMIT @limit OFFSET @offset",
    };

    /// <summary>Locks a row read inside a write transaction where the engine needs it.</summary>
    public virtual string ForUpdate => "";

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancel);

    /// <summary>A connection for one request's reads; the default opens one from the driver's pool.</summary>
    public virtual async ValueTask<DbScope> ReadAsync(CancellationToken cancel)
    {
        var connection = await OpenAsync(cancel);
        return new DbScope(connection, null, null, DisposeConnection, connection);
    }

    /// <summary>The release of a scope whose owner is its connection.</summary>
    protected static readonly Func<object, ValueTask> DisposeConnection = static connection => ((DbConnection)connection).DisposeAsync();

    /// <summary>A transaction that holds the write lock from its first statement.</summary>
    public abstract Task<WriteScope> BeginWriteAsync(CancellationToken cancel);

    /// <summary>
    /// Creates or updates the schema, then runs <paramref name="afterMigrations"/> in the same transaction; one process
    /// at a time, so several may start at once.
    /// </summary>
    public abstract Task MigrateAsync(Func<WriteScope, Task> afterMigrations, CancellationToken cancel);

    /// <summary>True when the failure means the database cannot be reached at all (error 20, not 19).</summary>
    public abstract bool IsUnavailable(DbException exception);

    /// <summary>
    /// True when a constraint refused the write, which for this API means a row it referred to went away
    /// in a concurrent request: a validation failure for the caller, not a server fault.
    /// </summary>
    public virtual bool IsConstraintViolation(DbException exception) =>
        exception.SqlState is { Length: 5 } state && state.StartsWith("23", StringComparison.Ordinal);

    /// <summary>One line for the operator: what went wrong with the database, without SQL or data values.</summary>
    public virtual string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>
    /// Called after a fault so that the next request starts afresh: pooled connections may hold file handles
    /// or sessions from before the fault.
    /// </summary>
    public virtual void AfterFault()
    {
    }

    /// <summary>A share lock on a row read to check that it exists, where the engine needs it.</summary>
    public virtual string ForShare => ForUpdate.Length == 0 ? "" : " FOR SHARE";
}
