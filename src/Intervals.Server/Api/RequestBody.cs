using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Net.Http.Headers;

namespace Intervals.Server.Api;

/// <summary>Reads a create or update body, in JSON or XML, into <see cref="RequestFields"/>.</summary>
public static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private enum BodyKind
    {
        Json,
        Xml,
    }

    public static async Task<(RequestFields? Fields, ApiError? Error)> ReadAsync(HttpContext context, string resource)
    {
        var kind = KindOf(context.Request.ContentType, out var typeError);
        if (kind is null)
        {
            return (null, Invalid(typeError!));
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, Invalid($"the request body must not exceed {MaxBytes} bytes"));
        }

        var (bytes, length) = await ReadBytesAsync(context.Request.Body, context.RequestAborted);
        try
        {
            if (length > MaxBytes)
            {
                return (null, Invalid($"the request body must not exceed {MaxBytes} bytes"));
            }

            if (length == 0 || bytes.AsSpan(0, length).Trim(" \t\r\n"u8).IsEmpty)
            {
                return (null, Invalid("the request body is empty"));
            }

            // A UTF-8 byte order mark, which some clients put before JSON as XML readers already accept it.
            var body = bytes.AsSpan(0, length);
            if (kind == BodyKind.Json && body.StartsWith("\uFEFF"u8))
            {
                body = body[3..];
            }

            var fields = new RequestFields();
            var error = kind == BodyKind.Json ? ParseJson(body, fields) : ParseXml(bytes, length, resource, fields);
            return error is null ? (fields, null) : (null, Invalid(error));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static BodyKind? KindOf(string? contentType, out string? error)
    {
        error = null;
        const string expected = "Content-Type must be application/json, application/xml or text/xml";
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            error = expected;
            return null;
        }

        // A parameter value may be quoted: charset="UTF-8" is charset=UTF-8.
        var charset = type.Charset.HasValue ? HeaderUtilities.RemoveQuotes(type.Charset).Value : null;
        if (charset is not null && !IsUtf8(charset))
        {
            error = $"charset '{Describe(charset)}' is not supported: send UTF-8";
            return null;
        }

        var name = type.MediaType.Value ?? "";
        if (name.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        if (name.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || name.Equals("text/xml", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Xml;
        }

        error = expected;
        return null;
    }

    private static bool IsUtf8(string name) =>
        name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>A name the client sent, short enough to quote in an error line.</summary>
    private static string Describe(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static async Task<(byte[] Buffer, int Length)> ReadBytesAsync(Stream body, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > MaxBytes)
                {
                    return (buffer, length);
                }

                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancel);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
        }
    }

    private static string? ParseJson(ReadOnlySpan<byte> body, RequestFields fields)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the request body must be a JSON object of fields";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                string? value;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        if (!fields.TryAddBoolean(name, reader.TokenType == JsonTokenType.True))
                        {
                            return $"{name} appears more than once";
                        }

                        continue;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    default:
                        return $"{name} must be a string or a number, not an object or array";
                }

                if (!fields.TryAdd(name, value))
                {
                    return $"{name} appears more than once";
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return "the request body must be a single JSON object";
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"the request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
        }
        catch (InvalidOperationException)
        {
            return "the request body holds text that is not valid UTF-8 or UTF-16";
        }
    }

    private static string? ParseXml(byte[] bytes, int length, string resource, RequestFields fields)
    {
        try
        {
            // Bodies are UTF-8 whatever the XML declaration says: read as UTF-8 text, so that a declared
            // encoding cannot make the parser decode the bytes differently, and refuse any other declaration.
            if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, length)))
            {
                return "the request body is not valid UTF-8";
            }

            using var stream = new MemoryStream(bytes, 0, length, writable: false);
            // The bytes were checked above; Encoding.UTF8's preamble lets the reader drop a byte order mark.
            using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            using var reader = XmlReader.Create(text, XmlSettings);
            if (reader.Read() && reader.NodeType == XmlNodeType.XmlDeclaration && reader.GetAttribute("encoding") is { } declared
                && !IsUtf8(declared))
            {
                return $"the XML declaration names encoding '{Describe(declared)}': send UTF-8";
            }

            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != resource)
            {
                return $"the XML root element must be <{resource}>";
            }

            if (HasAttributes(reader))
            {
                return $"<{resource}> takes no attributes: send fields as child elements";
            }

            if (reader.IsEmptyElement)
            {
                return null;
            }

            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    return $"<{resource}> must hold only field elements, not text";
                }

                var name = reader.LocalName;
                if (HasAttributes(reader))
                {
                    return $"<{name}> takes no attributes: send its value as text";
                }

                var value = ReadFieldText(reader);
                if (value is null)
                {
                    return $"<{name}> must hold text only, not elements";
                }

                if (!fields.TryAdd(name, value))
                {
                    return $"{name} appears more than once";
                }
            }

            reader.Read();
            while (reader.Read())
            {
                // Only ignorable nodes may follow the root; anything else throws XmlException.
            }

            return null;
        }
        catch (XmlException e)
        {
            return e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "DTDs and entity declarations are not accepted in XML bodies"
                : $"the request body is not well-formed XML (line {e.LineNumber}, position {e.LinePosition})";
        }
    }

    /// <summary>The text of the field element the reader is on, leaving it after the end tag; null when it nests elements.</summary>
    private static string? ReadFieldText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var text = new System.Text.StringBuilder();
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    return null;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
            }

            reader.Read();
        }

        reader.Read();
        return text.ToString();
    }

    private static bool HasAttributes(XmlReader reader)
    {
        if (!reader.HasAttributes)
        {
            return false;
        }

        var any = false;
        while (reader.MoveToNextAttribute())
        {
            if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
            {
                any = true;
            }
        }

        reader.MoveToElement();
        return any;
    }

    private static ApiError Invalid(string verbose) => new(ApiErrorCode.Validation, verbose);
}
