using System.Text.Json.Serialization;

namespace Intervals.Client;

/// <summary>A kind of contact information, such as email or phone.</summary>
public sealed class ContactType
{
    /// <summary>The type's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>The type's name, e.g. <c>email</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

/// <summary>A label within a contact type, such as Work or Home.</summary>
public sealed class ContactDescriptor
{
    /// <summary>The descriptor's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>The contact type the descriptor belongs to.</summary>
    [JsonPropertyName("contacttypeid")]
    public required int ContactTypeId { get; init; }

    /// <summary>The descriptor's name, e.g. <c>Work</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

/// <summary>A permission group: Administrator, Manager, Resource or Executive.</summary>
public sealed class Group
{
    /// <summary>The group's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>The group's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
