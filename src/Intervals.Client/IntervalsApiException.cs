using System.Net;

namespace Intervals.Client;

/// <summary>
/// Every failure of an <see cref="IntervalsClient"/> call: an error envelope from the API, an unexpected response,
/// or a transport fault. Cancellation by the caller is not a failure and surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class IntervalsApiException : Exception
{
    /// <summary>Creates an exception; the client builds these itself, the constructor is public for tests of calling code.</summary>
    /// <param name="message">A readable summary.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="errorCode">The API error code, or null when the response carried no error envelope.</param>
    /// <param name="errorMessage">The API's message for the code, or null without an envelope.</param>
    /// <param name="verbose">The API's lines saying exactly what was wrong.</param>
    /// <param name="isTransient">Whether trying again later may succeed.</param>
    /// <param name="innerException">The transport or parsing fault behind this one, if any.</param>
    public IntervalsApiException(
        string message,
        HttpStatusCode? statusCode,
        IntervalsErrorCode? errorCode,
        string? errorMessage,
        IReadOnlyList<string> verbose,
        bool isTransient,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Verbose = verbose;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status of the response, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The API error code, or null when the response carried no error envelope.</summary>
    public IntervalsErrorCode? ErrorCode { get; }

    /// <summary>The API's fixed message for <see cref="ErrorCode"/>, e.g. "Validation error".</summary>
    public string? ErrorMessage { get; }

    /// <summary>The API's <c>verbose</c> lines: which field, which value, which rule. Empty when there were none.</summary>
    public IReadOnlyList<string> Verbose { get; }

    /// <summary>
    /// True for codes 12, 19 and 20, for gateway and timeout statuses without an envelope, and for transport faults:
    /// trying again later may succeed.
    /// </summary>
    public bool IsTransient { get; }
}
