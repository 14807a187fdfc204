using Intervals.Server.Storage;

namespace Intervals.Server.Tests;

/// <summary>
/// SQLite reads keep their compiled commands, and the parameters on them, from one request to the next. A
/// value left over from an earlier request must never reach a later one.
/// </summary>
public sealed class StatementReuseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("intervals-statements-").FullName;

    [Fact]
    public async Task AParameterAnotherRequestSetIsNotBoundAgain()
    {
        using var database = new SqliteDatabase($"Data Source={Path.Combine(_folder, "reuse.db")}", "Normal");
        const string sql = "SELECT @a * 10 + @b";

        await using (var first = await database.ReadAsync(CancellationToken.None))
        {
            Assert.Equal(12, await first.Command(sql).With("a", 1).With("b", 2).ScalarAsync(CancellationToken.None));
        }

        await using (var forgetful = await database.ReadAsync(CancellationToken.None))
        {
            var command = forgetful.Command(sql).With("a", 5);
            await Assert.ThrowsAnyAsync<InvalidOperationException>(() => command.ScalarAsync(CancellationToken.None));
        }

        await using (var third = await database.ReadAsync(CancellationToken.None))
        {
            Assert.Equal(34, await third.Command(sql).With("b", 4).With("a", 3).ScalarAsync(CancellationToken.None));
            Assert.Null(await third.Command(sql).With("a", 3).With("b", null).ScalarAsync(CancellationToken.None));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
