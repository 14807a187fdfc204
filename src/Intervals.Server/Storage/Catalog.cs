using System.Collections.Frozen;
using Dapper;

namespace Intervals.Server.Storage;

/// <summary>
/// The reference data that the API never changes (groups, contact types, descriptors), held in memory so
/// that contact items are built without joins. A lookup that misses reloads once, so rows an operator adds
/// by hand are picked up without a restart.
/// </summary>
public sealed class Catalog(Database database)
{
    private Snapshot _snapshot = Snapshot.Empty;

    public async Task LoadAsync(CancellationToken cancel)
    {
        await using var connection = await database.OpenAsync(cancel);
        var groups = await connection.QueryAsync<NamedRow>("SELECT id AS Id, name AS Name FROM groups");
        var types = await connection.QueryAsync<NamedRow>("SELECT id AS Id, name AS Name FROM contacttype");
        var descriptors = await connection.QueryAsync<DescriptorRow>(
            "SELECT id AS Id, contacttypeid AS ContactTypeId, name AS Name FROM contactdescriptor");
        _snapshot = new Snapshot(
            groups.ToFrozenDictionary(g => g.Id, g => g.Name),
            types.ToFrozenDictionary(t => t.Id, t => t.Name),
            descriptors.ToFrozenDictionary(d => d.Id));
    }

    // Each lookup answers from memory without allocating; only a miss goes to the database. The misses are
    // methods of their own so that their closures are not allocated on the path that hits.
    public ValueTask<string?> GroupNameAsync(long id, CancellationToken cancel) =>
        _snapshot.Groups.TryGetValue(id, out var name) ? new(name) : GroupNameAfterReloadAsync(id, cancel);

    public ValueTask<string?> ContactTypeNameAsync(long id, CancellationToken cancel) =>
        _snapshot.ContactTypes.TryGetValue(id, out var name) ? new(name) : ContactTypeNameAfterReloadAsync(id, cancel);

    public ValueTask<DescriptorRow?> DescriptorAsync(long id, CancellationToken cancel) =>
        _snapshot.Descriptors.TryGetValue(id, out var row) ? new(row) : DescriptorAfterReloadAsync(id, cancel);

    private ValueTask<string?> GroupNameAfterReloadAsync(long id, CancellationToken cancel) =>
        ReloadThenFindAsync(s => s.Groups.GetValueOrDefault(id), cancel);

    private ValueTask<string?> ContactTypeNameAfterReloadAsync(long id, CancellationToken cancel) =>
        ReloadThenFindAsync(s => s.ContactTypes.GetValueOrDefault(id), cancel);

    private ValueTask<DescriptorRow?> DescriptorAfterReloadAsync(long id, CancellationToken cancel) =>
        ReloadThenFindAsync(s => s.Descriptors.GetValueOrDefault(id), cancel);

    private async ValueTask<T?> ReloadThenFindAsync<T>(Func<Snapshot, T?> find, CancellationToken cancel)
        where T : class
    {
        await LoadAsync(cancel);
        return find(_snapshot);
    }

    private sealed record Snapshot(
        FrozenDictionary<long, string> Groups,
        FrozenDictionary<long, string> ContactTypes,
        FrozenDictionary<long, DescriptorRow> Descriptors)
    {
        public static readonly Snapshot Empty = new(
            FrozenDictionary<long, string>.Empty,
            FrozenDictionary<long, string>.Empty,
            FrozenDictionary<long, DescriptorRow>.Empty);
    }
}

public sealed class NamedRow
{
    public long Id { get; init; }

    public string Name { get; init; } = "";
}

public sealed class DescriptorRow
{
    public long Id { get; init; }

    public long ContactTypeId { get; init; }

    public string Name { get; init; } = "";
}
