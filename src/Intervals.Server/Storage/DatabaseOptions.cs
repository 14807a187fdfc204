namespace Intervals.Server.Storage;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// SQLite only: <c>Normal</c> (default) survives a killed process; <c>Full</c> also survives power loss,
    /// at the cost of one fsync per commit.
    /// </summary>
    public string Synchronous { get; set; } = "Normal";

    /// <summary>Used when <c>ConnectionStrings:Intervals</c> is not set.</summary>
    public static string DefaultSqliteConnectionString(string contentRoot) =>
        $"Data Source={Path.Combine(contentRoot, "data", "intervals.db")}";
}
