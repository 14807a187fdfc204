namespace Intervals.Client;

/// <summary>Which of a person's contacts to list, and which page of them.</summary>
public sealed class PersonContactQuery
{
    /// <summary>The person whose contacts to list; a person that does not exist gives an empty list.</summary>
    public required int PersonId { get; init; }

    /// <summary>Only contacts of this type, when set.</summary>
    public int? ContactTypeId { get; init; }

    /// <summary>Only contacts with this descriptor, when set.</summary>
    public int? ContactDescriptorId { get; init; }

    /// <summary>At most this many items; null returns every match (or, when enumerating, pages of 100).</summary>
    public int? Limit { get; init; }

    /// <summary>Skips this many matches first; null starts at the first.</summary>
    public int? Offset { get; init; }
}
