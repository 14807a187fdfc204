namespace Intervals.Server.Api;

/// <summary>
/// One resource item as the wire shows it: ordered field names with string values (null when missing).
/// </summary>
public sealed class Item(int capacity)
{
    private readonly List<KeyValuePair<string, string?>> _fields = new(capacity);

    public IReadOnlyList<KeyValuePair<string, string?>> Fields => _fields;

    public Item Add(string name, string? value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    public Item Add(string name, long value) => Add(name, Wire.Id(value));

    public Item Add(string name, bool value) => Add(name, Wire.Bool(value));
}

/// <summary>How values are spelled on the wire.</summary>
public static class Wire
{
    public static string Id(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "t" : "f";
}
