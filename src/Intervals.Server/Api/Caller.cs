using System.Reflection;

namespace Intervals.Server.Api;

/// <summary>The authenticated person making a request.</summary>
public sealed record Caller(long PersonId, int GroupId, bool Private)
{
    public const int Administrator = 2;
    public const int Manager = 3;
    public const int Resource = 4;
    public const int Executive = 5;

    public bool IsAdministrator => GroupId == Administrator;

    /// <summary>Resource and Executive callers do not see private people other than themselves.</summary>
    public bool SeesPrivatePeople => GroupId is Administrator or Manager;

    // Kept as a request feature: Kestrel keeps its feature slots with the connection, while the first write
    // to HttpContext.Items allocates a dictionary for every request.
    public static Caller? Find(HttpContext context) => context.Features.Get<Caller>();

    public static void Set(HttpContext context, Caller caller) => context.Features.Set(caller);

    /// <summary>Minimal API binding: the authentication middleware has already set the caller.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<Caller?>(Find(context) ?? throw new InvalidOperationException("request reached a handler unauthenticated"));
}
