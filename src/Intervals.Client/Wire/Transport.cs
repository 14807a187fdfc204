using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Intervals.Client.Wire;

/// <summary>Sends one <see cref="ApiRequest"/>: credentials, the envelope, failures and the retry loop.</summary>
internal sealed class Transport
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly string _credentials;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _maxRetryDelay;

    public Transport(HttpClient http, IntervalsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Token) || options.Token.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("IntervalsClientOptions.Token must be set to an API token", nameof(options));
        }

        if (options.BaseAddress is not { IsAbsoluteUri: true } root)
        {
            throw new ArgumentException("IntervalsClientOptions.BaseAddress must be an absolute URL", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _http = http;
        _root = root.AbsolutePath.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        // The hosted API ignores the password; "X" is what its own examples send.
        _credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Token.Trim() + ":X"));
        _maxRetries = options.MaxRetries;
        _retryDelay = options.RetryDelay;
        _maxRetryDelay = options.MaxRetryDelay;
    }

    /// <summary>Sends the request and reads the success envelope with <paramref name="read"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<JsonElement, T> read, CancellationToken cancel)
    {
        var (document, status) = await ExchangeAsync(request, cancel).ConfigureAwait(false)
            ?? throw new UnreachableException("only deletes end without a document");
        using (document)
        {
            try
            {
                return read(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw Failures.Malformed(status, e);
            }
        }
    }

    /// <summary>Sends a delete; the success envelope holds nothing to read.</summary>
    public async Task SendAsync(ApiRequest request, CancellationToken cancel)
    {
        var success = await ExchangeAsync(request, cancel).ConfigureAwait(false);
        success?.Document.Dispose();
    }

    /// <summary>The success envelope, or null when a repeated delete found its row already gone.</summary>
    private async Task<Success?> ExchangeAsync(ApiRequest request, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await AttemptAsync(request, cancel).ConfigureAwait(false);
            if (outcome.Document is { } document)
            {
                return new Success(document, outcome.Status.GetValueOrDefault());
            }

            var failure = outcome.Failure!;
            if (attempt > 0 && request.Retry == RetryRule.RepeatableDelete && failure.ErrorCode == IntervalsErrorCode.NotFound)
            {
                return null;
            }

            if (!failure.IsTransient || request.Retry == RetryRule.Never || attempt >= _maxRetries)
            {
                throw failure;
            }

            await Task.Delay(Backoff(attempt, outcome.RetryAfter), cancel).ConfigureAwait(false);
        }
    }

    private async Task<Outcome> AttemptAsync(ApiRequest request, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        using var message = ToMessage(request);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancel).ConfigureAwait(false);
            var document = await ParseAsync(response, cancel).ConfigureAwait(false);
            var status = response.StatusCode;
            if (document is not null && Envelope.Failure(status, document.RootElement) is { } failure)
            {
                document.Dispose();
                return new(null, status, failure, RetryAfter(response));
            }

            if (response.IsSuccessStatusCode)
            {
                return document is not null
                    ? new(document, status, null, null)
                    : new(null, status, Failures.Malformed(status, new JsonException("the body is not JSON")), null);
            }

            document?.Dispose();
            return new(null, status, Failures.Status(status, response.ReasonPhrase), RetryAfter(response));
        }
        catch (HttpRequestException e)
        {
            return new(null, null, Failures.Transport(e), null);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            // Not the caller's token, so HttpClient.Timeout expired.
            return new(null, null, Failures.Timeout(e), null);
        }
    }

    private HttpRequestMessage ToMessage(ApiRequest request)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_root, request.Path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", _credentials);
        message.Headers.Accept.Add(Json);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return message;
    }

    private static async Task<JsonDocument?> ParseAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonDocument.ParseAsync(stream, default, cancel).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : Min(asked, _maxRetryDelay);
        }

        var ceiling = Min(_retryDelay * Math.Pow(2, attempt), _maxRetryDelay);
        // Half fixed, half random: clients that failed together do not all come back at the same instant.
        return ceiling * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private readonly record struct Outcome(
        JsonDocument? Document, HttpStatusCode? Status, IntervalsApiException? Failure, TimeSpan? RetryAfter);

    private readonly record struct Success(JsonDocument Document, HttpStatusCode Status);
}
