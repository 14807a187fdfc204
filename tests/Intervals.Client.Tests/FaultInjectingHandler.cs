using System.Net;
using System.Text;

namespace Intervals.Client.Tests;

/// <summary>
/// Sits between the client and the server, counts attempts and makes the next ones fail as queued.
/// A fault gets the request and a way to pass it on to the server, so it can fail before or after the server acted.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly Queue<Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>>> _faults = new();
    private int _attempts;

    public int Attempts => _attempts;

    public List<HttpRequestMessage> Requests { get; } = [];

    public FaultInjectingHandler Then(Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>> fault)
    {
        _faults.Enqueue(fault);
        return this;
    }

    /// <summary>Answers with an error envelope without reaching the server.</summary>
    public FaultInjectingHandler ThenEnvelope(HttpStatusCode status, int code, string message, TimeSpan? retryAfter = null) =>
        Then((_, _, _) => Task.FromResult(Envelope(status, code, message, retryAfter)));

    /// <summary>Fails as a broken connection would, without reaching the server.</summary>
    public FaultInjectingHandler ThenTransportFault() =>
        Then((_, _, _) => throw new HttpRequestException("connection reset (injected)"));

    /// <summary>Lets the server act, then loses its answer and reports the service offline.</summary>
    public FaultInjectingHandler ThenLoseTheResponse() =>
        Then(async (_, forward, _) =>
        {
            using var lost = await forward();
            return Envelope(HttpStatusCode.BadGateway, 20, "Service offline");
        });

    /// <summary>Never answers; only cancellation or a timeout ends the attempt.</summary>
    public FaultInjectingHandler ThenHang() =>
        Then(async (_, _, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel);
            throw new InvalidOperationException("unreachable");
        });

    public static HttpResponseMessage Envelope(HttpStatusCode status, int code, string message, TimeSpan? retryAfter = null)
    {
        var json = $$$"""
            {"personid":null,"status":"{{{status}}}","code":{{{(int)status}}},"error":{"code":{{{code}}},"message":"{{{message}}}","verbose":["injected"]}}
            """;
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        lock (Requests)
        {
            Requests.Add(request);
        }

        Func<Task<HttpResponseMessage>> forward = () => base.SendAsync(request, cancellationToken);
        Func<HttpRequestMessage, Func<Task<HttpResponseMessage>>, CancellationToken, Task<HttpResponseMessage>>? fault;
        lock (_faults)
        {
            _faults.TryDequeue(out fault);
        }

        return fault is null ? forward() : fault(request, forward, cancellationToken);
    }
}
