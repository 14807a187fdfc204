using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace Intervals.Server.Api;

/// <summary>The one place where response bodies are produced, in JSON or XML.</summary>
public static class EnvelopeWriter
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CheckCharacters = true,
        NewLineHandling = NewLineHandling.Entitize,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public static async Task WriteAsync(HttpContext context, Envelope envelope)
    {
        var response = context.Response;
        response.StatusCode = envelope.HttpStatus;

        // The body is built on this thread's buffer and copied into the response before the first await.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        if (ResponseFormats.Of(context) == ResponseFormat.Xml)
        {
            response.ContentType = "application/xml; charset=utf-8";
            WriteXml(buffer, envelope);
        }
        else
        {
            response.ContentType = "application/json; charset=utf-8";
            WriteJson(buffer, envelope);
        }

        var length = buffer.WrittenCount;
        response.ContentLength = length;
        var body = response.BodyWriter;
        buffer.WrittenSpan.CopyTo(body.GetSpan(length));
        body.Advance(length);
        if (buffer.Capacity > 256 * 1024)
        {
            t_buffer = null;
        }

        await body.FlushAsync(context.RequestAborted);
    }

    public static void WriteJson(IBufferWriter<byte> output, Envelope envelope)
    {
        var json = t_json ??= new Utf8JsonWriter(output, JsonOptions);
        json.Reset(output);
        json.WriteStartObject();
        if (envelope.CallerId is { } caller)
        {
            json.WriteNumber("personid", caller);
        }
        else
        {
            json.WriteNull("personid");
        }

        json.WriteString("status", Envelope.StatusText(envelope.HttpStatus));
        json.WriteNumber("code", envelope.HttpStatus);
        if (envelope.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteNumber("code", (int)error.Code);
            json.WriteString("message", error.Message);
            json.WriteStartArray("verbose");
            foreach (var line in error.Verbose)
            {
                json.WriteStringValue(Printable(line));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            if (envelope.ListCount is { } count)
            {
                json.WriteNumber("listcount", count);
            }

            if (envelope.Items is { } items)
            {
                json.WriteStartArray(envelope.Resource!);
                for (var i = 0; i < items.Count; i++)
                {
                    WriteJsonItem(json, items[i]);
                }

                json.WriteEndArray();
            }
            else if (envelope.Member is { } single)
            {
                json.WritePropertyName(envelope.Resource!);
                WriteJsonItem(json, single);
            }
        }

        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteJsonItem(Utf8JsonWriter json, Item item)
    {
        json.WriteStartObject();
        Span<byte> digits = stackalloc byte[20];
        foreach (ref readonly var field in item.Fields)
        {
            if (field.IsId)
            {
                // Ids are written as text without a string in between: digits need no escaping.
                Utf8Formatter.TryFormat(field.Number, digits, out var length);
                json.WriteString(field.Name.Json, digits[..length]);
            }
            else if (field.Text is null)
            {
                json.WriteNull(field.Name.Json);
            }
            else
            {
                json.WriteString(field.Name.Json, field.Text);
            }
        }

        json.WriteEndObject();
    }

    public static void WriteXml(IBufferWriter<byte> output, Envelope envelope)
    {
        using var stream = new BufferWriterStream(output);
        using var xml = XmlWriter.Create(stream, XmlSettings);
        xml.WriteStartDocument();
        xml.WriteStartElement("intervals");
        xml.WriteElementString("personid", envelope.CallerId is { } caller ? Wire.Id(caller) : "");
        xml.WriteElementString("status", Envelope.StatusText(envelope.HttpStatus));
        xml.WriteElementString("code", Wire.Id(envelope.HttpStatus));
        if (envelope.Error is { } error)
        {
            xml.WriteStartElement("error");
            xml.WriteElementString("code", Wire.Id((int)error.Code));
            xml.WriteElementString("message", error.Message);
            xml.WriteStartElement("verbose");
            foreach (var line in error.Verbose)
            {
                xml.WriteElementString("item", Printable(line));
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        else
        {
            if (envelope.ListCount is { } count)
            {
                xml.WriteElementString("listcount", Wire.Id(count));
            }

            if (envelope.Items is { } items)
            {
                xml.WriteStartElement(envelope.Resource!);
                foreach (var item in items)
                {
                    xml.WriteStartElement("item");
                    WriteXmlFields(xml, item);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }
            else if (envelope.Member is { } single)
            {
                xml.WriteStartElement(envelope.Resource!);
                WriteXmlFields(xml, single);
                xml.WriteEndElement();
            }
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
    }

    private static void WriteXmlFields(XmlWriter xml, Item item)
    {
        foreach (ref readonly var field in item.Fields)
        {
            xml.WriteStartElement(field.Name.Text);
            if (field.Value is { Length: > 0 } value)
            {
                xml.WriteString(field.IsId ? value : Printable(value));
            }

            xml.WriteFullEndElement();
        }
    }

    /// <summary>
    /// Text that both formats can carry. Error lines quote what the client sent, which may hold control
    /// characters or broken surrogates that XML cannot express and JSON writers refuse; those are shown as
    /// a <c>\u</c> escape of four hex digits instead of failing the response. Stored values never hold them:
    /// validation refuses them.
    /// </summary>
    public static string Printable(string text)
    {
        var at = 0;
        while (at < text.Length && IsPrintable(text, at))
        {
            at += char.IsHighSurrogate(text[at]) ? 2 : 1;
        }

        if (at == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, at);
        while (at < text.Length)
        {
            if (IsPrintable(text, at))
            {
                var width = char.IsHighSurrogate(text[at]) ? 2 : 1;
                builder.Append(text, at, width);
                at += width;
            }
            else
            {
                builder.Append("\\u").Append(((int)text[at]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                at++;
            }
        }

        return builder.ToString();
    }

    private static bool IsPrintable(string text, int at)
    {
        var c = text[at];
        if (char.IsHighSurrogate(c))
        {
            return at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]);
        }

        return !char.IsLowSurrogate(c) && (c >= 0x20 || c is '\t' or '\n' or '\r') && c is not ('\uFFFE' or '\uFFFF');
    }

    /// <summary>A write-only stream over a buffer writer, so XmlWriter can write without a copy.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> output) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
