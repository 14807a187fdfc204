namespace Intervals.Client;

/// <summary>Which people to list, and which page of them. Text filters match substrings, ignoring case.</summary>
public sealed class PersonQuery
{
    /// <summary>First name contains this, when set.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name contains this, when set.</summary>
    public string? LastName { get; init; }

    /// <summary>Names, user name, email or any contact value contain this, when set.</summary>
    public string? Search { get; init; }

    /// <summary>Only people of this group, when set.</summary>
    public int? GroupId { get; init; }

    /// <summary>Only active (true) or inactive (false) people, when set.</summary>
    public bool? Active { get; init; }

    /// <summary>At most this many people; the API's default is 10.</summary>
    public int? Limit { get; init; }

    /// <summary>Skips this many matches first.</summary>
    public int? Offset { get; init; }
}
