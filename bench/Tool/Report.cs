using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Tool;

/// <summary>One wrk run: what bench/run recorded about it (meta) and what wrk measured (the summary line).</summary>
public sealed class Run
{
    public required string Key { get; init; }

    public required string Server { get; init; }

    public required string Workload { get; init; }

    public required string Title { get; init; }

    public required string Engine { get; init; }

    public long Rows { get; init; }

    public int Connections { get; init; }

    public int Threads { get; init; }

    /// <summary>Measured rounds, taken in turn with the runs this one is compared with.</summary>
    public int Rounds { get; init; }

    /// <summary>Requests per second of each round, in order.</summary>
    public IReadOnlyList<double> RoundRps { get; init; } = [];

    public double Seconds { get; init; }

    public long Requests { get; init; }

    public double Rps { get; init; }

    public double P50Ms { get; init; }

    public double P90Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public long Non2xx { get; init; }

    public long SocketErrors { get; init; }

    public double? PeakRssMb { get; init; }

    public string? Note { get; init; }

    public double? VsCeiling { get; set; }

    public double? VsJsonServer { get; set; }

    public bool IsGet => Workload.StartsWith("get_", StringComparison.Ordinal);
}

/// <summary>One target of the issue: measured against a threshold.</summary>
public sealed record Target(string Name, string Measured, string Threshold, bool? Pass);

/// <summary>
/// Reads the runs and facts that bench/run left in its work folder, prints the table and the targets,
/// and writes the same as JSON.
/// </summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string folder, string outFile, bool quick, bool strict, TextWriter output)
    {
        var facts = ReadPairs(Path.Combine(folder, "facts.env"));
        var runs = Directory.EnumerateFiles(folder, "*.meta").Order(StringComparer.Ordinal).Select(Load).ToList();
        var byKey = runs.ToDictionary(r => r.Key);
        foreach (var run in runs.Where(r => r.Server == "ours"))
        {
            var basis = BaseWorkload(run.Workload);
            if (byKey.TryGetValue("ceiling." + basis, out var ceiling) && ceiling.Rps > 0)
            {
                run.VsCeiling = run.Rps / ceiling.Rps;
            }

            var jsonBasis = basis == "get_member_xml" ? "get_member_json" : basis;
            if (byKey.TryGetValue("json-server." + jsonBasis, out var reference) && reference.Rps > 0)
            {
                run.VsJsonServer = run.Rps / reference.Rps;
            }
        }

        var targets = Targets(runs, byKey, facts);
        var text = new StringBuilder();
        WriteTable(text, runs, targets, facts, quick);
        output.Write(text.ToString());

        var broken = runs.Where(r => r.Non2xx > 0 || r.Requests == 0).ToList();
        var json = new JsonObject
        {
            ["mode"] = quick ? "quick" : "full",
            ["facts"] = new JsonObject(facts.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
            ["runs"] = new JsonArray(runs.Select(r => (JsonNode?)JsonSerializer.SerializeToNode(r)).ToArray()),
            ["targets"] = new JsonArray(targets.Select(t => (JsonNode?)new JsonObject
            {
                ["target"] = t.Name,
                ["measured"] = t.Measured,
                ["threshold"] = t.Threshold,
                ["pass"] = quick ? null : t.Pass,
            }).ToArray()),
            ["harness_ok"] = broken.Count == 0,
            ["table"] = text.ToString(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
        File.WriteAllText(outFile, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        output.WriteLine($"Results written to {outFile}");

        if (broken.Count > 0)
        {
            output.WriteLine("HARNESS FAILURE: these runs got non-2xx answers or no answers at all, so their numbers mean nothing:");
            foreach (var run in broken)
            {
                output.WriteLine($"  {run.Key}: {run.Requests} requests, {run.Non2xx} non-2xx");
            }

            return 1;
        }

        if (strict && !quick && targets.Any(t => t.Pass == false))
        {
            output.WriteLine("--strict: at least one target missed");
            return 2;
        }

        return 0;
    }

    private static string BaseWorkload(string workload)
    {
        var at = workload.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? workload : workload[..at];
    }

    private static Run Load(string metaFile)
    {
        var meta = ReadPairs(metaFile);

        // One summary line per measured round (base.r1.wrk, base.r2.wrk, ...). Requests and time add up over
        // the rounds; a latency percentile is the median of the rounds' percentiles, the maximum their maximum.
        var stem = Path.GetFileNameWithoutExtension(metaFile);
        var rounds = Directory.EnumerateFiles(Path.GetDirectoryName(metaFile)!, stem + ".r*.wrk")
            .Order(StringComparer.Ordinal)
            .Select(file => File.ReadLines(file).LastOrDefault(l => l.StartsWith("BENCHJSON ", StringComparison.Ordinal)))
            .Where(line => line is not null)
            .Select(line => JsonNode.Parse(line!["BENCHJSON ".Length..])!)
            .ToList();
        long Sum(string name) => rounds.Sum(r => r[name]?.GetValue<long>() ?? 0);
        double Median(string name)
        {
            var values = rounds.Select(r => r[name]?.GetValue<long>() ?? 0).Order().ToList();
            return values.Count == 0 ? 0 : values.Count % 2 == 1
                ? values[values.Count / 2]
                : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2.0;
        }

        var durationUs = Sum("duration_us");
        var requests = Sum("requests");
        var server = meta["server"];
        var workload = meta["workload"];
        var engine = meta.GetValueOrDefault("engine", "");
        return new Run
        {
            Key = meta.GetValueOrDefault("key", $"{server}.{workload}"),
            Server = server,
            Workload = workload,
            Title = meta.GetValueOrDefault("title", workload),
            Engine = engine,
            Rows = long.Parse(meta.GetValueOrDefault("rows", "0"), Inv),
            Connections = int.Parse(meta.GetValueOrDefault("connections", "0"), Inv),
            Threads = int.Parse(meta.GetValueOrDefault("threads", "0"), Inv),
            Rounds = rounds.Count,
            RoundRps = [.. rounds.Select(r => Math.Round(
                (r["requests"]?.GetValue<long>() ?? 0) / Math.Max(1e-6, (r["duration_us"]?.GetValue<long>() ?? 0) / 1e6)))],
            Seconds = durationUs / 1e6,
            Requests = requests,
            Rps = durationUs > 0 ? requests / (durationUs / 1e6) : 0,
            P50Ms = Median("p50_us") / 1000.0,
            P90Ms = Median("p90_us") / 1000.0,
            P99Ms = Median("p99_us") / 1000.0,
            MaxMs = rounds.Count == 0 ? 0 : rounds.Max(r => r["max_us"]?.GetValue<long>() ?? 0) / 1000.0,
            Non2xx = rounds.Count == 0 ? -1 : Sum("status_errors"),
            SocketErrors = Sum("connect_errors") + Sum("read_errors") + Sum("write_errors") + Sum("timeouts"),
            PeakRssMb = meta.TryGetValue("rss_kb", out var rss) && long.TryParse(rss, Inv, out var kb) && kb > 0 ? kb / 1024.0 : null,
            Note = meta.GetValueOrDefault("note"),
        };
    }

    private static List<Target> Targets(List<Run> runs, Dictionary<string, Run> byKey, Dictionary<string, string> facts)
    {
        var targets = new List<Target>();
        void Ratio(string name, string key, double threshold)
        {
            if (byKey.TryGetValue(key, out var run) && run.VsCeiling is { } ratio)
            {
                targets.Add(new Target(name, $"{ratio:0.00} × ceiling", $"≥ {threshold:0.00} ×", ratio >= threshold));
            }
        }

        Ratio("GET member JSON vs ceiling", "ours.get_member_json", 0.5);
        Ratio("GET member XML vs ceiling", "ours.get_member_xml", 0.4);
        Ratio("GET collection (10) JSON vs ceiling", "ours.get_collection", 0.35);

        foreach (var run in runs.Where(r => r.Server == "ours" && r.IsGet && r.Engine == "sqlite" && !r.Workload.Contains('@', StringComparison.Ordinal)))
        {
            if (run.VsJsonServer is { } vs)
            {
                targets.Add(new Target($"{run.Title} vs json-server", $"{vs:0.0} × json-server", "≥ 10 ×", vs >= 10));
            }

            targets.Add(new Target($"{run.Title} p99 at {run.Connections} connections", $"{run.P99Ms:0.00} ms", "≤ 5 ms",
                run.P99Ms <= 5));
        }

        if (byKey.TryGetValue("ours.post_create", out var post))
        {
            targets.Add(new Target("POST create", $"{post.Rps:0} req/s", "≥ 5000 req/s", post.Rps >= 5000));
        }

        var large = runs.FirstOrDefault(r => r.Key == "ours.get_collection");
        var small = runs.FirstOrDefault(r => r.Key == "ours.get_collection@small");
        if (large is not null && small is not null && small.Rps > 0)
        {
            var ratio = large.Rps / small.Rps;
            targets.Add(new Target($"GET collection at {large.Rows:N0} rows vs at {small.Rows:N0} rows",
                $"{ratio:0.00} ×", "≥ 0.80 ×", ratio >= 0.8));
        }

        if (facts.TryGetValue("OURS_PEAK_RSS_KB", out var peak) && long.TryParse(peak, Inv, out var kb))
        {
            targets.Add(new Target("peak RSS, our server (SQLite, whole run)", $"{kb / 1024.0:0} MB", "≤ 300 MB", kb / 1024.0 <= 300));
        }

        if (facts.TryGetValue("STARTUP_HEALTHZ_MS", out var start) && double.TryParse(start, Inv, out var ms))
        {
            targets.Add(new Target("start to first 200 (/healthz), empty database", $"{ms:0} ms", "≤ 1500 ms", ms <= 1500));
        }

        return targets;
    }

    private static void WriteTable(StringBuilder text, List<Run> runs, List<Target> targets, Dictionary<string, string> facts, bool quick)
    {
        text.AppendLine();
        text.AppendLine(quick
            ? "== Intervals personcontact benchmark (--quick: proves the harness works; numbers are not asserted) =="
            : "== Intervals personcontact benchmark ==");
        foreach (var key in new[] { "MACHINE", "LOAD", "DATA", "JSON_SERVER_DATA", "POSTGRES", "SERVER_ARGS" })
        {
            if (facts.TryGetValue(key, out var value))
            {
                text.AppendLine($"{key.ToLowerInvariant().Replace('_', ' ')}: {value}");
            }
        }

        text.AppendLine();
        string[] header = ["workload", "server", "engine", "rows", "req/s", "p50 ms", "p99 ms", "non-2xx", "sock err", "peak RSS MB", "× ceiling", "× json-server"];
        var rows = new List<string[]> { header };
        foreach (var run in runs)
        {
            rows.Add(
            [
                run.Title,
                run.Server,
                run.Engine,
                run.Rows > 0 ? run.Rows.ToString("N0", Inv) : "-",
                run.Rps.ToString("N0", Inv),
                run.P50Ms.ToString("0.00", Inv),
                run.P99Ms.ToString("0.00", Inv),
                run.Non2xx.ToString(Inv),
                run.SocketErrors.ToString(Inv),
                run.PeakRssMb?.ToString("0", Inv) ?? "",
                run.VsCeiling?.ToString("0.00", Inv) ?? "",
                run.VsJsonServer?.ToString("0.0", Inv) ?? "",
            ]);
        }

        Grid(text, rows);
        var notes = runs.Where(r => !string.IsNullOrEmpty(r.Note)).Select(r => $"  {r.Key}: {r.Note}").Distinct().ToList();
        if (notes.Count > 0)
        {
            text.AppendLine("notes:");
            notes.ForEach(n => text.AppendLine(n));
        }

        foreach (var key in new[] { "STARTUP_HEALTHZ_MS", "STARTUP_AUTH_GET_MS", "OURS_PEAK_RSS_KB", "SEED_SECONDS", "SMALL_SEED_SECONDS", "PG_SEED_SECONDS" })
        {
            if (facts.TryGetValue(key, out var value))
            {
                text.AppendLine($"{key.ToLowerInvariant()}: {value}");
            }
        }

        text.AppendLine();
        var targetRows = new List<string[]> { new[] { "target", "measured", "threshold", quick ? "pass/fail (not asserted in --quick)" : "pass/fail" } };
        targetRows.AddRange(targets.Select(t => new[] { t.Name, t.Measured, t.Threshold, t.Pass switch { true => "PASS", false => "FAIL", null => "n/a" } }));
        Grid(text, targetRows);
        if (!quick)
        {
            text.AppendLine($"targets: {targets.Count(t => t.Pass == true)} pass, {targets.Count(t => t.Pass == false)} fail");
        }
    }

    private static void Grid(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            text.AppendLine(string.Join(" | ", cells).TrimEnd());
            if (r == 0)
            {
                text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
            }
        }
    }

    public static Dictionary<string, string> ReadPairs(string file)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return pairs;
        }

        foreach (var line in File.ReadLines(file))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs[line[..equals].Trim()] = line[(equals + 1)..];
            }
        }

        return pairs;
    }
}
