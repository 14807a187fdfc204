using Intervals.Server.Api;

namespace Intervals.Server.Resources;

/// <summary>Route-table helpers shared by every resource.</summary>
public static class ResourceRouting
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

    /// <summary>Answers every other method on <paramref name="pattern"/> with error 16 and an Allow header.</summary>
    public static void MapNotAllowed(this IEndpointRouteBuilder app, string pattern, params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        app.MapMethods(pattern, AllMethods.Except(allowed).ToArray(), (HttpContext context) =>
            Api.Api.Error(Caller.Find(context)?.PersonId, new ApiError(ApiErrorCode.MethodNotAllowed,
                $"{context.Request.Method} is not available here; allowed: {allow}"), allow));
    }

    /// <summary>Anything no resource claims: error 13.</summary>
    public static void MapUnknownResources(this IEndpointRouteBuilder app) =>
        app.Map("/{**path}", (HttpContext context) => Api.Api.Error(
            Caller.Find(context)?.PersonId,
            new ApiError(ApiErrorCode.UnknownResource, $"no resource is served at {Describe(context.Request.Path)}")));

    /// <summary>Read-only resources: one GET route and error 16 for the rest.</summary>
    public static void MapReadOnly(this IEndpointRouteBuilder app, string pattern, Delegate handler)
    {
        app.MapGet(pattern, handler);
        app.MapNotAllowed(pattern, "GET");
    }

    private static string Describe(PathString path)
    {
        var value = path.Value ?? "/";
        return value.Length > 100 ? value[..100] + "…" : value;
    }
}
