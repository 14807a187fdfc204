using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace Intervals.Server.Tests.Infrastructure;

/// <summary>What a test sees of one answer: status, headers and the body parsed as JSON or XML.</summary>
public sealed class ApiResponse(HttpResponseMessage message, string body)
{
    public HttpStatusCode Status => message.StatusCode;

    public int StatusCode => (int)message.StatusCode;

    public HttpResponseHeaders Headers => message.Headers;

    public string? ContentType => message.Content.Headers.ContentType?.MediaType;

    /// <summary>The Allow header (a content header to HttpClient).</summary>
    public string Allow => string.Join(", ", message.Content.Headers.Allow);

    public string Body { get; } = body;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public XElement Xml => XDocument.Parse(Body).Root!;

    public bool IsXml => ContentType == "application/xml";

    /// <summary>The API error code, read from whichever format came back; null when there is no error.</summary>
    public int? ErrorCode => IsXml
        ? (Xml.Element("error") is { } e ? (int)e.Element("code")! : null)
        : (Json.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null);

    public IReadOnlyList<string> Verbose => IsXml
        ? Xml.Element("error")!.Element("verbose")!.Elements("item").Select(i => i.Value).ToList()
        : Json.GetProperty("error").GetProperty("verbose").EnumerateArray().Select(i => i.GetString()!).ToList();

    /// <summary>The single item of a member, create or update answer (JSON).</summary>
    public JsonElement Item(string resource) => Json.GetProperty(resource);

    public string Field(string resource, string field) => Item(resource).GetProperty(field).GetString()!;

    public long Id(string resource) => long.Parse(Field(resource, "id"), System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<JsonElement> Items(string resource) => Json.GetProperty(resource).EnumerateArray().ToList();

    public long ListCount => IsXml ? (long)Xml.Element("listcount")! : Json.GetProperty("listcount").GetInt64();

    public override string ToString() => $"{StatusCode} {Body}";
}
