using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Intervals.Client.Wire;

/// <summary>Reads the API's response envelope: the items of a success, or the fields of an <c>error</c>.</summary>
internal static class Envelope
{
    public static T Member<T>(JsonElement root, string resource, JsonTypeInfo<T> type) =>
        Property(root, resource).Deserialize(type) ?? throw new JsonException($"'{resource}' is null");

    public static List<T> All<T>(JsonElement root, string resource, JsonTypeInfo<List<T>> type) =>
        Member(root, resource, type);

    public static IntervalsPage<T> Page<T>(JsonElement root, string resource, JsonTypeInfo<List<T>> type) =>
        new(All(root, resource, type), Member(root, "listcount", WireJson.Default.Int32));

    /// <summary>The failure an error envelope describes, or null when <paramref name="root"/> holds none.</summary>
    public static IntervalsApiException? Failure(HttpStatusCode status, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("error", out var error)
            || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var code = (IntervalsErrorCode)Member(error, "code", WireJson.Default.Int32);
            var message = error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
            var verbose = Verbose(error);
            return Failures.Api(status, code, message, verbose);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> Verbose(JsonElement error)
    {
        if (!error.TryGetProperty("verbose", out var verbose))
        {
            return [];
        }

        return verbose.ValueKind switch
        {
            JsonValueKind.Array => verbose.EnumerateArray()
                .Where(line => line.ValueKind == JsonValueKind.String)
                .Select(line => line.GetString()!)
                .ToList(),
            JsonValueKind.String => [verbose.GetString()!],
            _ => [],
        };
    }

    private static JsonElement Property(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value
            : throw new JsonException($"the envelope has no '{name}'");
}
