using System.Text.Json.Serialization;

namespace Intervals.Client;

/// <summary>A partial update of a contact: only the properties that are set are sent and changed.</summary>
public sealed class PersonContactChanges
{
    /// <summary>Moves the contact to another person (administrators only), or null to leave it.</summary>
    [JsonPropertyName("personid")]
    public int? PersonId { get; init; }

    /// <summary>The new contact type, or null to leave it.</summary>
    [JsonPropertyName("contacttypeid")]
    public int? ContactTypeId { get; init; }

    /// <summary>The new descriptor, or null to leave it; it must belong to the resulting type.</summary>
    [JsonPropertyName("contactdescriptorid")]
    public int? ContactDescriptorId { get; init; }

    /// <summary>The new value, or null to leave it.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
