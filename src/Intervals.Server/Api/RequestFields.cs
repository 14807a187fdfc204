namespace Intervals.Server.Api;

/// <summary>The flat field set of a request body, as strings (JSON numbers keep their text, booleans become t/f).</summary>
public sealed class RequestFields
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private HashSet<string>? _booleans;

    public IEnumerable<string> Names => _values.Keys;

    public bool Has(string name) => _values.ContainsKey(name);

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>Adds a field; false when the body already had it.</summary>
    public bool TryAdd(string name, string? value) => _values.TryAdd(name, value);

    /// <summary>Adds a field sent as JSON <c>true</c> or <c>false</c>, which only flag fields take.</summary>
    public bool TryAddBoolean(string name, bool value)
    {
        if (!TryAdd(name, Wire.Bool(value)))
        {
            return false;
        }

        (_booleans ??= new(StringComparer.Ordinal)).Add(name);
        return true;
    }

    /// <summary>True when the field came as a JSON boolean.</summary>
    public bool IsBoolean(string name) => _booleans?.Contains(name) == true;

    /// <summary>
    /// Errors for fields that are neither settable nor read-only ones a client may send back from a GET.
    /// </summary>
    public IEnumerable<string> UnknownFields(IReadOnlySet<string> settable, IReadOnlySet<string> readOnly) =>
        _values.Keys
            .Where(name => !settable.Contains(name) && !readOnly.Contains(name))
            .Select(name => $"{Quote(name)} is not a field of this resource");

    private static string Quote(string name) => name.Length > 64 ? $"'{name[..64]}…'" : $"'{name}'";
}
