namespace Intervals.Client;

/// <summary>One page of a collection and the number of all matching items.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class IntervalsPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items of this page.</param>
    /// <param name="listCount">All matching items, before limit and offset.</param>
    public IntervalsPage(IReadOnlyList<T> items, int listCount)
    {
        Items = items;
        ListCount = listCount;
    }

    /// <summary>The items of this page, in id order.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The API's <c>listcount</c>: all matching items, before limit and offset.</summary>
    public int ListCount { get; }
}
