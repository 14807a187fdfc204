namespace Intervals.Server.Api;

/// <summary>A handler's outcome: written through <see cref="EnvelopeWriter"/> in the caller's format.</summary>
public sealed class ApiResult(Envelope envelope, string? allow = null) : IResult
{
    public Envelope Envelope { get; } = envelope;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (allow is not null)
        {
            httpContext.Response.Headers.Allow = allow;
        }

        if (Envelope.Error?.Code is ApiErrorCode.InvalidAuthentication or ApiErrorCode.UserNotActive or ApiErrorCode.UserNotFound)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"Intervals\"";
        }

        return EnvelopeWriter.WriteAsync(httpContext, Envelope);
    }
}

/// <summary>Factories for every outcome a handler can have.</summary>
public static class Api
{
    public static ApiResult Collection(Caller caller, string resource, IReadOnlyList<Item> items, long listCount) =>
        new(new Envelope(200, caller.PersonId) { Resource = resource, Items = items, ListCount = listCount });

    public static ApiResult Member(Caller caller, string resource, Item item) =>
        new(new Envelope(200, caller.PersonId) { Resource = resource, Member = item });

    public static ApiResult Created(Caller caller, string resource, Item item) =>
        new(new Envelope(201, caller.PersonId) { Resource = resource, Member = item });

    public static ApiResult Updated(Caller caller, string resource, Item item) =>
        new(new Envelope(202, caller.PersonId) { Resource = resource, Member = item });

    public static ApiResult Deleted(Caller caller) => new(new Envelope(200, caller.PersonId));

    public static ApiResult Error(long? callerId, ApiError error, string? allow = null) =>
        new(new Envelope(ApiError.HttpStatusOf(error.Code), callerId) { Error = error }, allow);

    public static ApiResult Error(Caller caller, ApiErrorCode code, string verbose) =>
        Error(caller.PersonId, new ApiError(code, verbose));

    public static ApiResult Invalid(Caller caller, IReadOnlyList<string> verbose) =>
        Error(caller.PersonId, new ApiError(ApiErrorCode.Validation, verbose));

    /// <summary>Error 18 for a member id in the URL that is not a positive integer.</summary>
    public static ApiResult InvalidId(Caller caller, string raw)
    {
        var v = new Validator();
        v.Id("id", raw, required: true);
        return Invalid(caller, v.Errors);
    }

    public static ApiResult NotFound(Caller caller, string resource, long id) =>
        Error(caller, ApiErrorCode.NotFound, $"{resource} {id} does not exist");

    public static ApiResult Forbidden(Caller caller, string verbose) => Error(caller, ApiErrorCode.Permission, verbose);

    /// <summary>Writes an error outside an endpoint (middleware, exception handler).</summary>
    public static Task WriteErrorAsync(HttpContext context, ApiError error, string? allow = null) =>
        Error(Caller.Find(context)?.PersonId, error, allow).ExecuteAsync(context);
}
