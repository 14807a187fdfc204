using Intervals.Server.Api;

namespace Intervals.Server.Resources;

/// <summary>Route-table helpers shared by every resource.</summary>
public static class ResourceRouting
{
    // Route order: a resource's own methods first, then its error 16 for any other method (known or not),
    // then error 13 for paths no resource claims.
    private const int NotAllowedOrder = 1;
    private const int UnknownOrder = 2;

    /// <summary>Answers every other method on <paramref name="pattern"/>, however spelled, with error 16 and an Allow header.</summary>
    public static void MapNotAllowed(this IEndpointRouteBuilder app, string pattern, params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        app.Map(pattern, (HttpContext context) =>
            Api.Api.Error(Caller.Find(context)?.PersonId, new ApiError(ApiErrorCode.MethodNotAllowed,
                $"{Describe(context.Request.Method)} is not available here; allowed: {allow}"), allow))
            .WithOrder(NotAllowedOrder);
    }

    /// <summary>Anything no resource claims: error 13.</summary>
    public static void MapUnknownResources(this IEndpointRouteBuilder app) =>
        app.Map("/{**path}", (HttpContext context) => Api.Api.Error(
            Caller.Find(context)?.PersonId,
            new ApiError(ApiErrorCode.UnknownResource, $"no resource is served at {Describe(context.Request.Path)}")))
            .WithOrder(UnknownOrder);

    /// <summary>Read-only resources: one GET route and error 16 for the rest.</summary>
    public static void MapReadOnly(this IEndpointRouteBuilder app, string pattern, Delegate handler)
    {
        app.MapGet(pattern, handler);
        app.MapNotAllowed(pattern, "GET");
    }

    private static string Describe(PathString path) => Describe(path.Value ?? "/");

    private static string Describe(string value) => value.Length > 100 ? value[..100] + "…" : value;
}
