using System.Text.Json.Serialization;

namespace Intervals.Client;

/// <summary>One piece of contact information of a person: an email address, phone number, address, website or chat handle.</summary>
public sealed class PersonContact
{
    /// <summary>The contact's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>The person the contact belongs to.</summary>
    [JsonPropertyName("personid")]
    public required int PersonId { get; init; }

    /// <summary>The contact type (see <see cref="IntervalsClient.ListContactTypesAsync"/>).</summary>
    [JsonPropertyName("contact_type_id")]
    public required int ContactTypeId { get; init; }

    /// <summary>The descriptor within the type (see <see cref="IntervalsClient.ListContactDescriptorsAsync"/>).</summary>
    [JsonPropertyName("contact_descriptor_id")]
    public required int ContactDescriptorId { get; init; }

    /// <summary>The stored value; may span lines.</summary>
    [JsonPropertyName("value")]
    public required string Value { get; init; }

    /// <summary>The contact type's name, e.g. <c>email</c>.</summary>
    [JsonPropertyName("contact_type")]
    public required string ContactType { get; init; }

    /// <summary>The descriptor's name, e.g. <c>Work</c>.</summary>
    [JsonPropertyName("contact_descriptor")]
    public required string ContactDescriptor { get; init; }
}
