using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Intervals.Server.Api;
using Intervals.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Intervals.Server.Tests.Reliability;

/// <summary>
/// Every request of <c>Corpus/</c>, sent byte for byte to a real server process: each must be refused with a
/// well-formed error envelope in the format it asked for, change nothing in the database, and leave the
/// server answering normally.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    private const string AdminToken = "CorpusAdm01";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intervals-corpus-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheCorpusHoldsAtLeastThreeHundredRequests() => Assert.True(RequestCorpus.Load().Count >= 300, $"{RequestCorpus.Load().Count} requests");

    [Fact]
    public async Task EveryCorpusRequestGetsAnErrorEnvelopeAndChangesNothing()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "corpus.db");
        string[] configuration = ["--Database:Provider=sqlite", $"--ConnectionStrings:Intervals=Data Source={file}"];
        await using var server = await ServerProcess.StartAsync(_folder,
            [.. configuration, $"--Intervals:AdminToken={AdminToken}", "--Intervals:FailedAuthPerMinute=100000"]);
        var variables = await SeedAsync(server, _folder, configuration);

        var before = Checksum(file);
        var failures = new List<string>();
        foreach (var corpusCase in RequestCorpus.Load())
        {
            RawResponse response;
            try
            {
                response = await RawHttp.SendAsync(server.BaseAddress, RequestCorpus.Build(corpusCase, variables, AdminToken));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Net.Sockets.SocketException)
            {
                failures.Add($"{corpusCase}: no answer ({e.Message})");
                continue;
            }

            if (Problem(corpusCase, response) is { } problem)
            {
                failures.Add($"{corpusCase}: {problem}\n    got {Clip(response.ToString())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, Checksum(file));
        using var client = server.CreateClient(AdminToken);
        var list = await client.GetAsync($"/personcontact/?personid={variables["person"]}");
        Assert.Equal(200, (int)list.StatusCode);
        Assert.Contains(variables["contact"], await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(server.HasExited);
    }

    /// <summary>A person with a contact, another person, and their tokens, for the corpus variables.</summary>
    private static async Task<Dictionary<string, string>> SeedAsync(ServerProcess server, string folder, string[] configuration)
    {
        using var client = server.CreateClient(AdminToken);
        async Task<string> CreateAsync(string path, string json, string resource)
        {
            var answer = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True((int)answer.StatusCode == 201, body);
            return JsonDocument.Parse(body).RootElement.GetProperty(resource).GetProperty("id").GetString()!;
        }

        var person = await CreateAsync("/person/", """{"firstname":"Corpus","groupid":4}""", "person");
        var other = await CreateAsync("/person/", """{"firstname":"Other","groupid":4}""", "person");
        var contact = await CreateAsync("/personcontact/",
            $$"""{"personid":{{person}},"value":"corpus@example.test","contacttypeid":1,"contactdescriptorid":1}""", "personcontact");
        var token = (await ServerProcess.RunAsync(folder, ["token", "issue", "--person", person, .. configuration])).StdOut.Trim();
        var otherToken = (await ServerProcess.RunAsync(folder, ["token", "issue", "--person", other, .. configuration])).StdOut.Trim();
        return new Dictionary<string, string>
        {
            ["admin"] = AdminToken,
            ["person"] = person,
            ["other"] = other,
            ["contact"] = contact,
            ["token"] = token,
            ["othertoken"] = otherToken,
        };
    }

    /// <summary>Null when the answer is what the case expects; otherwise what is wrong with it.</summary>
    private static string? Problem(CorpusCase corpusCase, RawResponse response)
    {
        if (response.Status is < 400 or > 499)
        {
            return $"status {response.Status} is not 4xx";
        }

        if (corpusCase.ExpectedStatus is { } status && status != response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return $"status {response.Status}, expected {status}";
        }

        var xml = ResponseFormats.FromAccept(RequestCorpus.Accept(corpusCase)) == ResponseFormat.Xml;
        var expectedType = xml ? "application/xml; charset=utf-8" : "application/json; charset=utf-8";
        if (response.ContentType != expectedType)
        {
            return $"Content-Type '{response.ContentType}', expected '{expectedType}'";
        }

        try
        {
            var (code, envelopeStatus, verbose) = xml ? ReadXml(response.Body) : ReadJson(response.Body);
            if (envelopeStatus != response.Status)
            {
                return $"envelope code {envelopeStatus} differs from HTTP status {response.Status}";
            }

            if (ApiError.HttpStatusOf((ApiErrorCode)code) != response.Status)
            {
                return $"API code {code} does not go with HTTP {response.Status}";
            }

            if (corpusCase.ExpectedCode is { } expected && expected != code)
            {
                return $"API code {code}, expected {expected}";
            }

            return verbose.Count == 0 || verbose.Any(string.IsNullOrWhiteSpace) ? "the verbose list is empty" : null;
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException or InvalidOperationException or KeyNotFoundException
            or NullReferenceException or FormatException)
        {
            return $"not a well-formed envelope: {e.Message}";
        }
    }

    private static (int Code, int Status, IReadOnlyList<string> Verbose) ReadJson(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        _ = root.GetProperty("personid");
        _ = root.GetProperty("status").GetString() ?? throw new FormatException("status is null");
        var error = root.GetProperty("error");
        _ = error.GetProperty("message").GetString() ?? throw new FormatException("message is null");
        return (error.GetProperty("code").GetInt32(), root.GetProperty("code").GetInt32(),
            error.GetProperty("verbose").EnumerateArray().Select(v => v.GetString()!).ToList());
    }

    private static (int Code, int Status, IReadOnlyList<string> Verbose) ReadXml(string body)
    {
        var root = XDocument.Parse(body).Root!;
        if (root.Name != "intervals" || root.Element("personid") is null || root.Element("status") is null)
        {
            throw new FormatException("the root must be <intervals> with personid and status");
        }

        var error = root.Element("error")!;
        _ = error.Element("message")!.Value;
        return ((int)error.Element("code")!, (int)root.Element("code")!, error.Element("verbose")!.Elements("item").Select(i => i.Value).ToList());
    }

    /// <summary>Every row of every table, hashed in a fixed order.</summary>
    private static string Checksum(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            using var select = new SqliteCommand($"SELECT * FROM \"{table}\" ORDER BY rowid", connection);
            using var reader = select.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetValue(i)}\u001f"));
                }
            }

            hash.AppendData(Encoding.UTF8.GetBytes($"{table}:{rows}\u001e"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
