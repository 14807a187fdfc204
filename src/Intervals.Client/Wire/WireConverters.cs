using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Intervals.Client.Wire;

/// <summary>
/// Items spell ids as decimal strings while envelopes use JSON numbers; reading accepts both so that every
/// integer on the wire passes through here. Requests send numbers, which the API accepts.
/// </summary>
internal sealed class WireInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"expected an integer, found {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

/// <summary>Booleans travel as the strings <c>"t"</c> and <c>"f"</c>; JSON true and false are read too.</summary>
internal sealed class WireBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when reader.ValueTextEquals("t"u8) || reader.ValueTextEquals("true"u8) => true,
            JsonTokenType.String when reader.ValueTextEquals("f"u8) || reader.ValueTextEquals("false"u8) => false,
            _ => throw new JsonException($"expected \"t\" or \"f\", found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value ? "t"u8 : "f"u8);
}
