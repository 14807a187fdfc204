using System.Text.Json.Serialization;

namespace Intervals.Client;

/// <summary>The fields of a contact to create; all are required.</summary>
public sealed class NewPersonContact
{
    /// <summary>The person the contact belongs to; only administrators may add contacts for other people.</summary>
    [JsonPropertyName("personid")]
    public required int PersonId { get; init; }

    /// <summary>The contact type.</summary>
    [JsonPropertyName("contacttypeid")]
    public required int ContactTypeId { get; init; }

    /// <summary>The descriptor; it must belong to <see cref="ContactTypeId"/>.</summary>
    [JsonPropertyName("contactdescriptorid")]
    public required int ContactDescriptorId { get; init; }

    /// <summary>The value: not empty, at most 255 characters once trimmed.</summary>
    [JsonPropertyName("value")]
    public required string Value { get; init; }
}
