using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Intervals.Server.Tests.Reliability;

/// <summary>One request of the corpus, as written in a file of <c>Corpus/</c> (the format is in its README).</summary>
public sealed record CorpusCase(string File, int Line, string Title, string? ExpectedStatus, int? ExpectedCode, string RequestHead, string Body)
{
    public override string ToString() => $"{File}:{Line} {Title}";
}

/// <summary>Reads the corpus files and turns a case into the exact bytes sent.</summary>
public static partial class RequestCorpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static IReadOnlyList<CorpusCase> Load()
    {
        var cases = new List<CorpusCase>();
        foreach (var path in Directory.GetFiles(Folder, "*.http").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("### ", StringComparison.Ordinal))
                {
                    continue;
                }

                var start = i;
                var end = i + 1;
                while (end < lines.Length && !lines[end].StartsWith("### ", StringComparison.Ordinal))
                {
                    end++;
                }

                cases.Add(Parse(Path.GetFileName(path), start + 1, lines[start][4..], lines[(start + 1)..end]));
                i = end - 1;
            }
        }

        return cases;
    }

    private static CorpusCase Parse(string file, int line, string heading, string[] lines)
    {
        // "### 400 18 what it is", "### 4xx * what it is"
        var parts = heading.Split(' ', 3);
        var status = parts[0] == "4xx" ? null : parts[0];
        int? code = parts[1] == "*" ? null : int.Parse(parts[1], CultureInfo.InvariantCulture);
        var blank = Array.IndexOf(lines, "");
        var head = blank < 0 ? lines : lines[..blank];
        var body = blank < 0 ? "" : string.Join('\n', lines[(blank + 1)..]).TrimEnd('\n');
        return new CorpusCase(file, line, parts[2], status, code, string.Join('\n', head.Where(l => !l.StartsWith('#'))), body);
    }

    /// <summary>The bytes of the request: variables and macros expanded, default headers added.</summary>
    public static byte[] Build(CorpusCase corpusCase, IReadOnlyDictionary<string, string> variables, string adminToken)
    {
        var headLines = Expand(corpusCase.RequestHead, variables).Split('\n');
        var body = ExpandBytes(corpusCase.Body, variables);
        var headers = headLines.Skip(1).ToList();
        bool Has(string name) => headers.Any(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        if (!Has("Host"))
        {
            headers.Insert(0, "Host: 127.0.0.1");
        }

        if (!Has("Authorization"))
        {
            headers.Add("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(adminToken + ":X")));
        }

        headers.RemoveAll(h => h.Equals("Authorization: {none}", StringComparison.Ordinal));
        if (body.Length > 0 && !Has("Content-Length") && !Has("Transfer-Encoding"))
        {
            headers.Add("Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture));
        }

        headers.Add("Connection: close");
        var requestLine = headLines[0].Split(' ').Length == 2 ? headLines[0] + " HTTP/1.1" : headLines[0];
        var text = requestLine + "\r\n" + string.Join("\r\n", headers) + "\r\n\r\n";
        return [.. Encoding.UTF8.GetBytes(text), .. body];
    }

    /// <summary>The Accept header the case sends, for the format its answer must come in.</summary>
    public static string? Accept(CorpusCase corpusCase) => string.Join(", ", corpusCase.RequestHead.Split('\n')
        .Where(h => h.StartsWith("Accept:", StringComparison.OrdinalIgnoreCase)).Select(h => h[7..].Trim()));

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Encoding.UTF8.GetString(ExpandBytes(text, variables));

    private static byte[] ExpandBytes(string text, IReadOnlyDictionary<string, string> variables)
    {
        text = Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

        // Text macros from the innermost outwards, so that {{b64 {{repeat 3 A}}:X}} works; bytes last.
        for (var round = 0; round < 10 && TextMacro().IsMatch(text); round++)
        {
            text = TextMacro().Replace(text, m => m.Groups[1].Value == "b64"
                ? Convert.ToBase64String(Encoding.UTF8.GetBytes(m.Groups[2].Value))
                : Repeat(m.Groups[2].Value));
        }

        var output = new List<byte>(text.Length);
        var at = 0;
        foreach (Match match in HexMacro().Matches(text))
        {
            output.AddRange(Encoding.UTF8.GetBytes(text[at..match.Index]));
            output.AddRange(Convert.FromHexString(match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)));
            at = match.Index + match.Length;
        }

        output.AddRange(Encoding.UTF8.GetBytes(text[at..]));
        return [.. output];
    }

    private static string Repeat(string argument)
    {
        var space = argument.IndexOf(' ', StringComparison.Ordinal);
        var count = int.Parse(argument[..space], CultureInfo.InvariantCulture);
        return new StringBuilder().Insert(0, argument[(space + 1)..], count).ToString();
    }

    [GeneratedRegex(@"\{\{([a-z]+)\}\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\{\{(repeat|b64) ((?:(?!\{\{)[^}])*)\}\}")]
    private static partial Regex TextMacro();

    [GeneratedRegex(@"\{\{hex ([0-9A-Fa-f ]+)\}\}")]
    private static partial Regex HexMacro();
}
