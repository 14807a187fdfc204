using System.Text.Json.Serialization;

namespace Intervals.Client;

/// <summary>A person contact information belongs to.</summary>
public sealed class Person
{
    /// <summary>The person's id.</summary>
    [JsonPropertyName("id")]
    public required int Id { get; init; }

    /// <summary>First name.</summary>
    [JsonPropertyName("firstname")]
    public required string FirstName { get; init; }

    /// <summary>Last name, or null.</summary>
    [JsonPropertyName("lastname")]
    public string? LastName { get; init; }

    /// <summary>Job title, or null.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>User name, or null.</summary>
    [JsonPropertyName("username")]
    public string? UserName { get; init; }

    /// <summary>Email address on the person record, or null.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>The person's group (see <see cref="IntervalsClient.ListGroupsAsync"/>).</summary>
    [JsonPropertyName("groupid")]
    public required int GroupId { get; init; }

    /// <summary>The group's name, e.g. <c>Resource</c>.</summary>
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    /// <summary>Whether the person may use the API.</summary>
    [JsonPropertyName("active")]
    public required bool Active { get; init; }

    /// <summary>Whether the person's details are hidden from Resource and Executive callers.</summary>
    [JsonPropertyName("private")]
    public required bool Private { get; init; }

    /// <summary>Notes, or null.</summary>
    [JsonPropertyName("notes")]
    public string? Notes { get; init; }
}
