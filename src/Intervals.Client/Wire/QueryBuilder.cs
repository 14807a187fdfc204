using System.Globalization;
using System.Text;

namespace Intervals.Client.Wire;

/// <summary>A collection path with its filters; unset filters are left out.</summary>
internal sealed class QueryBuilder(string path)
{
    private readonly StringBuilder _text = new(path);
    private char _separator = '?';

    public QueryBuilder Add(string name, int? value) =>
        value is { } number ? Append(name, number.ToString(CultureInfo.InvariantCulture)) : this;

    public QueryBuilder Add(string name, bool? value) =>
        value is { } flag ? Append(name, flag ? "t" : "f") : this;

    public QueryBuilder Add(string name, string? value) =>
        string.IsNullOrEmpty(value) ? this : Append(name, Uri.EscapeDataString(value));

    public override string ToString() => _text.ToString();

    private QueryBuilder Append(string name, string encoded)
    {
        _text.Append(_separator).Append(name).Append('=').Append(encoded);
        _separator = '&';
        return this;
    }
}
