using System.Net.Sockets;
using System.Text;

namespace Intervals.Server.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient would tidy up first (dot segments, encoded slashes,
/// malformed headers, bytes that are not text). One request a connection.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancel.Token);
        await stream.FlushAsync(cancel.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server may reset the connection after answering a request whose body it did not read.
        }

        return RawResponse.Parse(received.ToArray());
    }
}

/// <summary>Status, headers and body of a raw answer.</summary>
public sealed class RawResponse(int status, IReadOnlyDictionary<string, string> headers, string body)
{
    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public string Body { get; } = body;

    public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value : null;

    public static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException($"no complete answer: '{text}'");
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new RawResponse(status, headers, text[(end + 4)..]);
    }

    public override string ToString() => $"{Status} {ContentType} {Body}";
}
