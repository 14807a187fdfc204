using System.Text;
using System.Xml.Linq;
using FsCheck.Xunit;
using Intervals.Server.Api;
using Intervals.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Intervals.Server.Tests.Reliability;

/// <summary>
/// Generated inputs for the request parsers: each ends in a designed outcome (fields, or error 18 naming the
/// problem) and never throws; what is accepted round-trips. About 12,000 cases, a few seconds.
/// </summary>
public sealed class ParserPropertyTests
{
    private const int Cases = 1500;

    [Property(MaxTest = Cases)]
    public bool AnyBytesAsJsonGiveFieldsOrAValidationError(byte[] body) => Outcome(body ?? [], "application/json");

    [Property(MaxTest = Cases)]
    public bool AnyBytesAsXmlGiveFieldsOrAValidationError(byte[] body) => Outcome(body ?? [], "application/xml");

    [Property(MaxTest = Cases)]
    public bool AnyTextAsJsonOrXmlGivesFieldsOrAValidationError(string text) =>
        Outcome(Encoding.UTF8.GetBytes(text ?? ""), "application/json") && Outcome(Encoding.UTF8.GetBytes(text ?? ""), "text/xml");

    [Property(MaxTest = Cases)]
    public bool FieldsSentAsJsonOrXmlComeBackUnchanged(string[] names, string[] values)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < Math.Min(names?.Length ?? 0, values?.Length ?? 0); i++)
        {
            var name = "f" + new string((names![i] ?? "").Where(char.IsAsciiLetterOrDigit).ToArray());
            var value = new string((values![i] ?? "").Where(c => c >= 0x20 && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF')).ToArray());
            fields.TryAdd(name, value);
        }

        var json = System.Text.Json.JsonSerializer.Serialize(fields);
        var xml = new XElement("personcontact", fields.Select(f => new XElement(f.Key, f.Value))).ToString(SaveOptions.DisableFormatting);
        return SameFields(Read(Encoding.UTF8.GetBytes(json), "application/json").Fields, fields)
            && SameFields(Read(Encoding.UTF8.GetBytes(xml), "application/xml").Fields, fields);
    }

    [Property(MaxTest = Cases)]
    public bool AnyIdTextIsEitherThePositiveDecimalItSpellsOrAnErrorNamingTheField(string raw)
    {
        // Leading zeros are still a decimal integer: "09" is 9.
        var v = new Validator();
        var id = v.Id("personid", raw, required: true);
        return id is { } value
            ? value > 0 && raw.All(char.IsAsciiDigit) && decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture) == value
                && !v.Failed
            : v.Errors.Count == 1 && v.Errors[0].StartsWith("personid ", StringComparison.Ordinal);
    }

    [Property(MaxTest = Cases)]
    public bool EveryPositiveIdRoundTrips(long id) =>
        id <= 0 || id > 999_999_999_999_999_999 || new Validator().Id("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), true) == id;

    [Property(MaxTest = Cases)]
    public bool AcceptedTextIsTrimmedAndSurvivesBothResponseFormats(string raw)
    {
        var v = new Validator();
        var text = v.Text("value", raw, 255, required: true, allowEmpty: false);
        if (text is null)
        {
            return v.Errors.Count == 1 && v.Errors[0].StartsWith("value ", StringComparison.Ordinal);
        }

        var item = new Item(1).Add("value", text);
        var envelope = new Envelope(200, 1) { Resource = "personcontact", Member = item };
        var jsonBuffer = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.WriteJson(jsonBuffer, envelope);
        var xmlBuffer = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.WriteXml(xmlBuffer, envelope);
        var fromJson = System.Text.Json.JsonDocument.Parse(jsonBuffer.WrittenMemory).RootElement.GetProperty("personcontact").GetProperty("value").GetString();
        var fromXml = XDocument.Parse(Encoding.UTF8.GetString(xmlBuffer.WrittenSpan)).Root!.Element("personcontact")!.Element("value")!.Value;
        return text == raw!.Trim() && fromJson == text && fromXml == text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') | fromXml == text;
    }

    [Property(MaxTest = Cases)]
    public bool AnyErrorLineSurvivesBothResponseFormats(string line)
    {
        var envelope = new Envelope(400, null) { Error = new ApiError(ApiErrorCode.Validation, line ?? "") };
        var xmlBuffer = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.WriteXml(xmlBuffer, envelope);
        var jsonBuffer = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.WriteJson(jsonBuffer, envelope);
        _ = XDocument.Parse(Encoding.UTF8.GetString(xmlBuffer.WrittenSpan));
        _ = System.Text.Json.JsonDocument.Parse(jsonBuffer.WrittenMemory);
        return true;
    }

    [Property(MaxTest = Cases)]
    public bool AnyAuthorizationHeaderGivesAWellFormedTokenOrAReason(string header)
    {
        var token = AuthenticationMiddleware.ReadToken(header ?? "", out var problem);
        return token is null ? !string.IsNullOrEmpty(problem) : token.Length == 11 && token.All(char.IsAsciiLetterOrDigit) && problem is null;
    }

    [Property(MaxTest = Cases)]
    public bool AWellFormedTokenWithAnyPasswordIsRead(string password, int seed)
    {
        var token = new string(Enumerable.Range(0, 11).Select(i => "abcXYZ0189"[Math.Abs((seed + i * 7) % 10)]).ToArray());
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":" + new string((password ?? "").Where(c => !char.IsSurrogate(c)).ToArray())));
        return header.Length > 1024 || AuthenticationMiddleware.ReadToken(header, out _) == token;
    }

    [Property(MaxTest = Cases)]
    public bool AnyAcceptHeaderChoosesAFormat(string accept) =>
        ResponseFormats.FromAccept(accept) is ResponseFormat.Json or ResponseFormat.Xml;

    [Property(MaxTest = Cases)]
    public bool XmlPreferredByQualityIsChosen(byte xmlTenths, byte jsonTenths)
    {
        var (xml, json) = (1 + (xmlTenths % 10), 1 + (jsonTenths % 10));
        var chosen = ResponseFormats.FromAccept($"application/json;q=0.{json - 1}, application/xml;q=0.{xml - 1}");
        return xml > json ? chosen == ResponseFormat.Xml : xml < json ? chosen == ResponseFormat.Json : true;
    }

    private static bool Outcome(byte[] body, string contentType)
    {
        var (fields, error) = Read(body, contentType);
        return fields is not null ^ (error is { Code: ApiErrorCode.Validation, Verbose.Count: > 0 });
    }

    private static (RequestFields? Fields, ApiError? Error) Read(byte[] body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        return RequestBody.ReadAsync(context, "personcontact").GetAwaiter().GetResult();
    }

    private static bool SameFields(RequestFields? parsed, Dictionary<string, string> sent)
    {
        if (sent.Count == 0)
        {
            return true;
        }

        return parsed is not null && parsed.Names.Count() == sent.Count
            && sent.All(f => Normal(parsed[f.Key]) == Normal(f.Value));
    }

    /// <summary>
    /// Values are compared as the server uses them: trimmed (XML drops white-space-only content, and every
    /// text field is trimmed anyway) and with XML's line-end normalisation applied.
    /// </summary>
    private static string Normal(string? value) =>
        (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
