using System.Globalization;
using System.Text;

namespace Intervals.Server.Api;

/// <summary>Collects every validation problem of one request, each naming the field and the rule.</summary>
public sealed class Validator
{
    private readonly List<string> _errors = [];

    /// <summary>Fields already refused for their JSON type, so that they are not also reported missing.</summary>
    private HashSet<string>? _refused;

    public IReadOnlyList<string> Errors => _errors;

    public bool Failed => _errors.Count > 0;

    public void Fail(string message) => _errors.Add(message);

    /// <summary>
    /// The field's text for a text or id field. A JSON <c>true</c> or <c>false</c> there is refused, not read
    /// as the flag spelling <c>t</c>/<c>f</c>; the field then counts as present, so it is not also "required".
    /// </summary>
    public string? NotBoolean(RequestFields fields, string name)
    {
        if (!fields.IsBoolean(name))
        {
            return fields[name];
        }

        Fail($"{name} must be text or a number, not true or false");
        (_refused ??= new(StringComparer.Ordinal)).Add(name);
        return null;
    }

    private bool Refused(string name) => _refused?.Contains(name) == true;

    /// <summary>A positive integer id, from a JSON number or a numeric string.</summary>
    public long? Id(string name, string? raw, bool required)
    {
        if (raw is null || raw.Length == 0)
        {
            if (required && !Refused(name))
            {
                Fail($"{name} is required");
            }

            return null;
        }

        if (!TryParseId(raw, out var id))
        {
            Fail($"{name} must be a positive integer, not '{Clip(raw)}'");
            return null;
        }

        return id;
    }

    /// <summary>A non-negative integer such as limit or offset.</summary>
    public long? Count(string name, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (raw.Length == 0 || !OnlyDigits(raw))
        {
            Fail($"{name} must be a non-negative integer, not '{Clip(raw)}'");
            return null;
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Fail($"{name} must be at most {long.MaxValue}, not '{Clip(raw)}'");
            return null;
        }

        return value;
    }

    public bool? Bool(string name, string? raw)
    {
        switch (raw)
        {
            case null:
                return null;
            case "t" or "true" or "1":
                return true;
            case "f" or "false" or "0":
                return false;
            default:
                Fail($"{name} must be 't' or 'f' (or true, false, 1, 0), not '{Clip(raw)}'");
                return null;
        }
    }

    /// <summary>
    /// Text trimmed of surrounding white space. Line breaks and tabs inside are kept; other control
    /// characters, non-characters and broken surrogates are refused so that JSON and XML carry it alike.
    /// </summary>
    public string? Text(string name, string? raw, int max, bool required, bool allowEmpty)
    {
        if (raw is null)
        {
            if (required && !Refused(name))
            {
                Fail($"{name} is required");
            }

            return null;
        }

        var text = raw.Trim();
        if (text.Length == 0 && !allowEmpty)
        {
            Fail($"{name} must not be empty");
            return null;
        }

        var problem = TextProblem(text);
        if (problem is not null)
        {
            Fail($"{name} {problem}");
            return null;
        }

        var length = CountCharacters(text);
        if (length > max)
        {
            Fail($"{name} must be at most {max} characters, not {length}");
            return null;
        }

        return text;
    }

    /// <summary>ASCII digits only: .NET's number parsing would also take trailing NUL characters.</summary>
    private static bool OnlyDigits(string raw) => !raw.AsSpan().ContainsAnyExceptInRange('0', '9');

    public static bool TryParseId(string raw, out long id)
    {
        id = 0;
        return raw.Length is > 0 and <= 18 && OnlyDigits(raw)
            && long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }

    public static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string? TextProblem(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return "holds a broken UTF-16 surrogate";
            }

            var value = rune.Value;
            if ((value < 0x20 && value is not ('\t' or '\n' or '\r')) || value is 0xFFFE or 0xFFFF)
            {
                return $"must not hold the control character U+{value:X4}";
            }

            span = span[used..];
        }

        return null;
    }

    private static string Clip(string raw) => raw.Length > 32 ? raw[..32] + "…" : raw;
}
