using System.Data.Common;
using Dapper;
using Intervals.Server.Storage;

namespace Intervals.Server.Resources;

/// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not. No authentication.</summary>
public static class HealthEndpoints
{
    public const string Path = "/healthz";

    /// <summary>Health checks bypass authentication and the request limits: a load balancer polls them.</summary>
    public static bool IsHealthCheck(HttpContext context) => context.Request.Path.StartsWithSegments(Path);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, ["GET", "HEAD"], Check);
        app.MapNotAllowed(Path, "GET", "HEAD");
        return app;
    }

    public static async Task<IResult> Check(Database db, CancellationToken cancel)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancel);
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM groups");
            return Results.Json(new { status = "OK", database = db.Engine }, statusCode: StatusCodes.Status200OK);
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            return Results.Json(new { status = "Service Unavailable", database = db.Engine }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
