using System.Text.Encodings.Web;
using System.Text.Json;

namespace Intervals.Server.Api;

/// <summary>
/// One resource item as the wire shows it: ordered fields whose values are text (null when missing) or ids,
/// which both formats spell as decimal text.
/// </summary>
public sealed class Item(int capacity)
{
    private Field[] _fields = new Field[capacity];
    private int _count;

    public ReadOnlySpan<Field> Fields => _fields.AsSpan(0, _count);

    public Item Add(FieldName name, string? value) => Append(new Field(name, value));

    public Item Add(FieldName name, long value) => Append(new Field(name, value));

    public Item Add(FieldName name, bool value) => Add(name, Wire.Bool(value));

    /// <summary>For names used rarely; hot paths keep a <see cref="FieldName"/> so its encoding is done once.</summary>
    public Item Add(string name, string? value) => Add(new FieldName(name), value);

    private Item Append(Field field)
    {
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(4, _fields.Length * 2));
        }

        _fields[_count++] = field;
        return this;
    }
}

/// <summary>One field of an <see cref="Item"/>: a text value (null when missing) or an id.</summary>
public readonly struct Field
{
    public Field(FieldName name, string? text)
    {
        Name = name;
        Text = text;
    }

    public Field(FieldName name, long id)
    {
        Name = name;
        Number = id;
        IsId = true;
    }

    public FieldName Name { get; }

    /// <summary>The text value; null for a missing value and for an id.</summary>
    public string? Text { get; }

    /// <summary>The id, when <see cref="IsId"/>.</summary>
    public long Number { get; }

    public bool IsId { get; }

    /// <summary>The value as both formats spell it.</summary>
    public string? Value => IsId ? Wire.Id(Number) : Text;
}

/// <summary>A field name with its JSON spelling encoded once.</summary>
public sealed class FieldName
{
    public FieldName(string text)
    {
        Text = text;
        Json = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    }

    public string Text { get; }

    public JsonEncodedText Json { get; }

    public override string ToString() => Text;
}

/// <summary>How values are spelled on the wire.</summary>
public static class Wire
{
    public static string Id(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "t" : "f";
}
