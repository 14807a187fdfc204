using Dapper;
using Intervals.Server.Hosting;
using Intervals.Server.Storage;

namespace Intervals.Server.Cli;

/// <summary>
/// Administration from the server's own executable, with the server's configuration: issue, revoke and
/// list tokens, add people. Runs and exits instead of serving.
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        Usage (--person takes a person id; --token, 11 letters or digits):
          Intervals.Server token issue --person ID [--token VALUE]   issue (or replace) a person's token and print it
          Intervals.Server token revoke --person ID                  revoke a person's token
          Intervals.Server token list                                list people holding tokens (never the tokens)
          Intervals.Server person add --firstname NAME [--lastname NAME] --group Administrator|Manager|Resource|Executive
                                                                     add a person and print the new id
        Configuration options (--ConnectionStrings:Intervals=..., --Database:Provider=...) apply as for the server.
        """;

    private static readonly string[] Groups = ["Administrator", "Manager", "Resource", "Executive"];

    /// <summary>
    /// A first argument that is neither a switch (<c>--urls ...</c>) nor a setting (<c>Key=value</c>) is a
    /// command; an unknown one prints the usage instead of quietly starting a server.
    /// </summary>
    public static bool IsCommand(string[] args)
    {
        args = CommandFirst(args);
        return args.Length > 0 && (args[0] == "--help" || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));
    }

    /// <summary>
    /// Settings may come before the command (<c>--ConnectionStrings:Intervals=... token list</c>): the command
    /// words are moved to the front. A switch without <c>=</c> takes the next argument as its value.
    /// </summary>
    public static string[] CommandFirst(string[] args)
    {
        var at = 0;
        while (at < args.Length && args[at].StartsWith("--", StringComparison.Ordinal) && args[at] != "--help")
        {
            at += args[at].Contains('=', StringComparison.Ordinal) ? 1 : 2;
        }

        return at > 0 && at < args.Length && args[at] is "token" or "person" or "help"
            ? [.. args[at..], .. args[..at]]
            : args;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var command = Parse(CommandFirst(args), out var options, out var rest);
        if (command is null || command == "help")
        {
            await error.WriteLineAsync(Usage);
            return command == "help" ? 0 : 2;
        }

        var builder = WebApplication.CreateSlimBuilder(rest);
        // Standard output carries only what the command prints (an id, a token), so scripts can capture it.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        try
        {
            builder.Services.AddIntervalsStorage(builder.Configuration, builder.Environment.ContentRootPath);
            await using var app = builder.Build();
            await app.Services.InitializeIntervalsAsync(CancellationToken.None, createAdministrator: false);
            var database = app.Services.GetRequiredService<Database>();
            var tokens = app.Services.GetRequiredService<Tokens>();
            return command switch
            {
                "token issue" => await IssueAsync(database, tokens, options, output, error),
                "token revoke" => await RevokeAsync(database, options, output, error),
                "token list" => await ListAsync(database, output),
                "person add" => await AddPersonAsync(database, options, output, error),
                _ => throw new InvalidOperationException(command),
            };
        }
        catch (InvalidSettingException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The command ("token issue", …) and its options; null when the arguments are wrong.</summary>
    private static string? Parse(string[] args, out Dictionary<string, string> options, out string[] rest)
    {
        options = new(StringComparer.Ordinal);
        var others = new List<string>();
        rest = [];
        if (args.Length == 0 || args[0] is "help" or "--help")
        {
            return args.Length == 0 ? null : "help";
        }

        if (args.Length < 2)
        {
            return null;
        }

        var command = $"{args[0]} {args[1]}";
        string[] allowed = command switch
        {
            "token issue" => ["--person", "--token"],
            "token revoke" => ["--person"],
            "token list" => [],
            "person add" => ["--firstname", "--lastname", "--group"],
            _ => ["-"],
        };
        if (allowed is ["-"])
        {
            return null;
        }

        for (var i = 2; i < args.Length; i++)
        {
            if (allowed.Contains(args[i]))
            {
                if (i + 1 >= args.Length || options.ContainsKey(args[i]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                options[args[i]] = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                others.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    others.Add(args[++i]);
                }
            }
            else
            {
                return null;
            }
        }

        var required = command switch
        {
            "token issue" or "token revoke" => ["--person"],
            "person add" => new[] { "--firstname", "--group" },
            _ => [],
        };
        foreach (var name in required)
        {
            if (!options.ContainsKey(name))
            {
                return null;
            }
        }

        if ((options.TryGetValue("--person", out var person) && !Api.Validator.TryParseId(person, out _))
            || (options.TryGetValue("--token", out var token) && !Tokens.IsWellFormed(token)))
        {
            return null;
        }

        rest = [.. others];
        return command;
    }

    private static async Task<int> IssueAsync(
        Database database, Tokens tokens, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var personId = PersonId(options);
        var chosen = options.GetValueOrDefault("--token");

        await using var scope = await database.BeginWriteAsync(CancellationToken.None);
        if (!await PersonExistsAsync(scope, personId))
        {
            await error.WriteLineAsync($"error: person {personId} does not exist");
            return 1;
        }

        var token = await tokens.IssueAsync(scope.Connection, scope.Transaction, personId, chosen);
        await scope.CommitAsync(CancellationToken.None);
        await output.WriteLineAsync(token);
        return 0;
    }

    private static async Task<int> RevokeAsync(Database database, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var personId = PersonId(options);
        await using var scope = await database.BeginWriteAsync(CancellationToken.None);
        var removed = await scope.Connection.ExecuteAsync(
            "DELETE FROM token WHERE personid = @personId", new { personId }, scope.Transaction);
        await scope.CommitAsync(CancellationToken.None);
        if (removed == 0)
        {
            await error.WriteLineAsync($"error: person {personId} holds no token");
            return 1;
        }

        await output.WriteLineAsync($"revoked the token of person {personId}");
        return 0;
    }

    private static async Task<int> ListAsync(Database database, TextWriter output)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(long Id, string FirstName, string? LastName, string Group, long Active, string Issued)>(
            """
            SELECT p.id, p.firstname, p.lastname, g.name, p.active, k.issued
            FROM token k JOIN person p ON p.id = k.personid JOIN groups g ON g.id = p.groupid
            ORDER BY p.id
            """);
        await output.WriteLineAsync("personid\tname\tgroup\tactive\tissued");
        foreach (var row in rows)
        {
            var name = string.IsNullOrEmpty(row.LastName) ? row.FirstName : $"{row.FirstName} {row.LastName}";
            await output.WriteLineAsync($"{row.Id}\t{name}\t{row.Group}\t{(row.Active == 1 ? "t" : "f")}\t{row.Issued}");
        }

        return 0;
    }

    private static async Task<int> AddPersonAsync(Database database, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        // The same rules as the API's, so that every person the command adds can be read and sent back unchanged.
        var v = new Api.Validator();
        var group = Array.FindIndex(Groups, g => g.Equals(options["--group"], StringComparison.OrdinalIgnoreCase));
        if (group < 0)
        {
            v.Fail("--group must be Administrator, Manager, Resource or Executive");
        }

        var firstName = v.Text("firstname", options["--firstname"], 65, required: true, allowEmpty: false) ?? "";
        var lastName = v.Text("lastname", options.GetValueOrDefault("--lastname"), 65, required: false, allowEmpty: true);
        if (v.Failed)
        {
            await error.WriteLineAsync(string.Join('\n', v.Errors.Select(e => "error: " + e)) + "\n" + Usage);
            return 2;
        }

        await using var scope = await database.BeginWriteAsync(CancellationToken.None);
        var id = await scope.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO person (firstname, lastname, groupid, active, private, firstname_fold, lastname_fold)
            VALUES (@firstName, @lastName, @groupId, 1, 0, @firstFold, @lastFold)
            RETURNING id
            """,
            new
            {
                firstName,
                lastName = string.IsNullOrEmpty(lastName) ? null : lastName,
                groupId = group + 2,
                firstFold = firstName.ToLowerInvariant(),
                lastFold = lastName?.ToLowerInvariant() ?? "",
            },
            scope.Transaction);
        await scope.CommitAsync(CancellationToken.None);
        await output.WriteLineAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    private static long PersonId(Dictionary<string, string> options) =>
        long.Parse(options["--person"], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> PersonExistsAsync(WriteScope scope, long personId) =>
        await scope.Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM person WHERE id = @personId", new { personId }, scope.Transaction) > 0;
}
