namespace Intervals.Server.Api;

/// <summary>Checks a query string against the parameters a route knows.</summary>
public static class QueryParameters
{
    public static readonly string[] Paging = ["limit", "offset"];

    /// <summary>Error 17 for an unknown parameter, 18 for one given more than once.</summary>
    public static ApiError? Check(IQueryCollection query, params ReadOnlySpan<string> known)
    {
        List<string>? unknown = null;
        List<string>? repeated = null;
        foreach (var (key, values) in query)
        {
            if (!known.Contains(key))
            {
                (unknown ??= []).Add($"parameter '{(key.Length > 64 ? key[..64] + "…" : key)}' is not recognized");
            }
            else if (values.Count > 1)
            {
                (repeated ??= []).Add($"parameter '{key}' must be given once");
            }
        }

        if (unknown is not null)
        {
            return new ApiError(ApiErrorCode.UnknownParameter, unknown);
        }

        return repeated is null ? null : new ApiError(ApiErrorCode.Validation, repeated);
    }

    public static string? Get(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;
}
