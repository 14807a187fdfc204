using System.Buffers.Text;
using System.Text;
using Intervals.Server.Api;
using Intervals.Server.Storage;

namespace Intervals.Server.Hosting;

/// <summary>
/// HTTP Basic with the API token as the user name (the password is ignored). Sets the <see cref="Caller"/>
/// or answers 401 with error 9 (bad or unknown credentials) or 8 (inactive person).
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, Tokens tokens, FailedAuthThrottle throttle)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Resources.HealthEndpoints.IsHealthCheck(context))
        {
            await next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address) is { } wait)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Api.Api.WriteErrorAsync(context, new ApiError(ApiErrorCode.TooFast,
                $"too many requests with wrong credentials from this address; retry after {seconds} seconds"));
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = ReadToken(header, out var problem);
        if (token is null)
        {
            // A request without any credentials is a forgetful client, not a guess; it is not counted.
            if (header.Length > 0)
            {
                throttle.Failed(address);
            }

            await Api.Api.WriteErrorAsync(context, new ApiError(ApiErrorCode.InvalidAuthentication, problem!));
            return;
        }

        var person = await tokens.FindAsync(token, context.RequestAborted);
        if (person is null)
        {
            throttle.Failed(address);
            await Api.Api.WriteErrorAsync(context, ApiError.UnknownToken);
            return;
        }

        if (!person.Active)
        {
            await Api.Api.WriteErrorAsync(context, new ApiError(ApiErrorCode.UserNotActive, "the person holding this token is not active"));
            return;
        }

        Caller.Set(context, person.Caller);
        await next(context);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The token from a Basic header, or null with the reason it cannot be used.</summary>
    public static string? ReadToken(string header, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(header))
        {
            problem = "credentials are required: HTTP Basic with the API token as the user name";
            return null;
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            problem = "the Authorization header must use the Basic scheme";
            return null;
        }

        var encoded = header.AsSpan(6).Trim();
        Span<byte> bytes = stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            problem = "the Basic credentials are not valid base64";
            return null;
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            problem = "the Basic credentials are not valid UTF-8";
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            problem = "the Basic credentials must be token:password (the password may be empty)";
            return null;
        }

        var token = decoded[..colon];
        if (!Tokens.IsWellFormed(token))
        {
            problem = "the API token must be 11 letters or digits";
            return null;
        }

        return token;
    }
}
