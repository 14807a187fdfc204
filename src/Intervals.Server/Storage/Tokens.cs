using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Intervals.Server.Api;

namespace Intervals.Server.Storage;

/// <summary>
/// API tokens: issued and revoked by the administration commands, stored only as keyed hashes
/// (HMAC-SHA256 under a random key kept in the database), looked up by hash on every request.
/// </summary>
public sealed class Tokens(Database database, TimeProvider clock)
{
    public const int Length = 11;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private byte[]? _key;

    /// <summary>How long a looked-up token is trusted before the database is asked again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(2);

    public static string NewToken() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool IsWellFormed(string token) =>
        token.Length == Length && token.All(char.IsAsciiLetterOrDigit);

    /// <summary>Finds who a token belongs to; null when no person holds it.</summary>
    public ValueTask<AuthenticatedPerson?> FindAsync(string token, CancellationToken cancel)
    {
        // Keyed by the token itself, held only in memory, so a cached request pays no hash.
        var now = clock.GetTimestamp();
        return _cache.TryGetValue(token, out var cached) && clock.GetElapsedTime(cached.At, now) < CacheFor
            ? new(cached.Person)
            : LookUpAsync(token, now, cancel);
    }

    private async ValueTask<AuthenticatedPerson?> LookUpAsync(string token, long now, CancellationToken cancel)
    {
        var hash = Hash(await KeyAsync(cancel), token);

        await using var connection = await database.OpenAsync(cancel);
        var person = await connection.QuerySingleOrDefaultAsync<AuthenticatedPerson>(
            """
            SELECT p.id AS PersonId, p.groupid AS GroupId, p.active AS Active, p.private AS Private
            FROM token k JOIN person p ON p.id = k.personid
            WHERE k.hash = @hash
            """,
            new { hash });
        if (person is not null)
        {
            if (_cache.Count > 10_000)
            {
                _cache.Clear();
            }

            _cache[token] = new CacheEntry(person, now);
        }

        return person;
    }

    /// <summary>Forgets every cached lookup, after a change to people or tokens made by this process.</summary>
    public void Forget() => _cache.Clear();

    /// <summary>Gives a person a token, replacing any earlier one. Returns the token to show once.</summary>
    public async Task<string> IssueAsync(DbConnection connection, DbTransaction transaction, long personId, string? chosen)
    {
        var token = chosen ?? NewToken();
        var key = await KeyAsync(connection, transaction);
        var holder = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT personid FROM token WHERE hash = @hash", new { hash = Hash(key, token) }, transaction);
        if (holder is not null && holder != personId)
        {
            throw new InvalidOperationException("that token cannot be used: choose another");
        }
        await connection.ExecuteAsync("DELETE FROM token WHERE personid = @personId", new { personId }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO token (hash, personid, issued) VALUES (@hash, @personId, @issued)",
            new { hash = Hash(key, token), personId, issued = clock.GetUtcNow().ToString("O") },
            transaction);
        Forget();
        return token;
    }

    /// <summary>Creates the hashing key once per database; every process sharing it reads the same key.</summary>
    public static async Task EnsureKeyAsync(DbConnection connection, DbTransaction transaction)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await connection.ExecuteAsync(
            "INSERT INTO meta (key, value) VALUES ('token_key', @key) ON CONFLICT (key) DO NOTHING",
            new { key },
            transaction);
    }

    private async Task<byte[]> KeyAsync(CancellationToken cancel)
    {
        if (_key is { } key)
        {
            return key;
        }

        await using var connection = await database.OpenAsync(cancel);
        return await KeyAsync(connection, null);
    }

    private async Task<byte[]> KeyAsync(DbConnection connection, DbTransaction? transaction)
    {
        if (_key is { } key)
        {
            return key;
        }

        var text = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT value FROM meta WHERE key = 'token_key'", transaction: transaction)
            ?? throw new InvalidOperationException("the token key is missing: the database was not initialised");
        return _key = Convert.FromBase64String(text);
    }

    private static string Hash(byte[] key, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token)));

    private sealed record CacheEntry(AuthenticatedPerson Person, long At);
}

/// <summary>What authentication needs to know about a token's owner.</summary>
public sealed class AuthenticatedPerson
{
    public long PersonId { get; init; }

    public int GroupId { get; init; }

    public bool Active { get; init; }

    public bool Private { get; init; }

    /// <summary>The caller this person makes; one object for as long as the lookup is cached.</summary>
    public Caller Caller => field ??= new(PersonId, GroupId, Private);
}
