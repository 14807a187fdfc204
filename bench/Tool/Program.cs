using System.Globalization;
using Bench.Tool;

// Helpers for bench/run. Each command prints KEY=VALUE lines (or the report) on standard output.
const string Usage = """
    Usage:
      Bench.Tool seed-sqlite --db FILE --people N [--token-holders K]
      Bench.Tool seed-postgres --connection CS --people N [--token-holders K]
      Bench.Tool dbjson --out FILE --people N --first-person ID [--token-holders K]
      Bench.Tool startup --dll SERVER.dll --port P --dir DIR --token TOKEN [--runs N]
      Bench.Tool report --in DIR --out FILE [--quick] [--strict]
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
        return 2;
    }

    var takesValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
    options[args[i][2..]] = takesValue ? args[++i] : "true";
}

string Need(string name) => options.TryGetValue(name, out var value)
    ? value
    : throw new ArgumentException($"--{name} is required for {args[0]}");
int Number(string name, int fallback) =>
    options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

try
{
    return args[0] switch
    {
        "seed-sqlite" => SqliteSeeder.Run(Need("db"), Number("people", 0), Number("token-holders", 0), Console.Out),
        "seed-postgres" => await PostgresSeeder.RunAsync(Need("connection"), Number("people", 0), Number("token-holders", 0), Console.Out),
        "dbjson" => DbJson.Run(Need("out"), Number("people", 0), Number("token-holders", 0), Number("first-person", 2)),
        "startup" => await Startup.RunAsync(Need("dll"), Number("port", 0), Need("dir"), Need("token"), Number("runs", 3), Console.Out),
        "report" => Report.Run(Need("in"), Need("out"), options.ContainsKey("quick"), options.ContainsKey("strict"), Console.Out),
        _ => throw new ArgumentException($"unknown command '{args[0]}'\n{Usage}"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
