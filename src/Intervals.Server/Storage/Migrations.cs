using Dapper;

namespace Intervals.Server.Storage;

/// <summary>
/// Applies the numbered SQL scripts embedded under Storage/Migrations/{Engine}/, each once, in order,
/// inside the caller's exclusive write transaction.
/// </summary>
public static class Migrations
{
    public static async Task ApplyAsync(WriteScope scope, string engineFolder, CancellationToken cancel)
    {
        var (connection, transaction) = (scope.Connection, scope.Transaction);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)",
            transaction: transaction);
        var applied = (await connection.QueryAsync<long>(
            "SELECT version FROM schema_version", transaction: transaction)).ToHashSet();

        foreach (var (version, sql) in Scripts(engineFolder))
        {
            cancel.ThrowIfCancellationRequested();
            if (applied.Contains(version))
            {
                continue;
            }

            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_version (version, applied) VALUES (@version, @applied)",
                new { version, applied = DateTime.UtcNow.ToString("O") },
                transaction);
        }
    }

    private static IEnumerable<(long Version, string Sql)> Scripts(string engineFolder)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"migrations/{engineFolder}/";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            var file = name[prefix.Length..];
            var version = long.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }
}
