namespace Intervals.Server.Api;

/// <summary>The API error codes of the contract, each with its fixed message and HTTP status.</summary>
public enum ApiErrorCode
{
    General = 1,
    UserNotFound = 7,
    UserNotActive = 8,
    InvalidAuthentication = 9,
    Permission = 10,
    DailyLimit = 11,
    TooFast = 12,
    UnknownResource = 13,
    NotFound = 14,
    ActionNotAvailable = 15,
    MethodNotAllowed = 16,
    UnknownParameter = 17,
    Validation = 18,
    Database = 19,
    Offline = 20,
}

/// <summary>One failure, ready for the envelope writer.</summary>
public sealed record ApiError(ApiErrorCode Code, IReadOnlyList<string> Verbose)
{
    /// <summary>At most this many verbose lines are sent; a body with thousands of bad fields gets a short answer.</summary>
    public const int MaxVerbose = 50;

    public IReadOnlyList<string> Verbose { get; } = Verbose.Count <= MaxVerbose
        ? Verbose
        : [.. Verbose.Take(MaxVerbose - 1), $"… and {Verbose.Count - MaxVerbose + 1} more problems of the same request"];

    public ApiError(ApiErrorCode code, string verbose)
        : this(code, [verbose])
    {
    }

    /// <summary>The answer to a token no person holds (any more).</summary>
    public static ApiError UnknownToken { get; } = new(ApiErrorCode.InvalidAuthentication, "the API token is not recognized");

    public int HttpStatus => HttpStatusOf(Code);

    public string Message => MessageOf(Code);

    public static int HttpStatusOf(ApiErrorCode code) => code switch
    {
        ApiErrorCode.UserNotFound or ApiErrorCode.UserNotActive or ApiErrorCode.InvalidAuthentication => 401,
        ApiErrorCode.Permission => 403,
        ApiErrorCode.NotFound => 404,
        ApiErrorCode.General or ApiErrorCode.Database => 500,
        ApiErrorCode.Offline => 502,
        _ => 400,
    };

    public static string MessageOf(ApiErrorCode code) => code switch
    {
        ApiErrorCode.General => "General (unknown) error",
        ApiErrorCode.UserNotFound => "User not found",
        ApiErrorCode.UserNotActive => "User not active",
        ApiErrorCode.InvalidAuthentication => "Invalid authentication",
        ApiErrorCode.Permission => "Permissions error: no access to this information",
        ApiErrorCode.DailyLimit => "Maximum number of daily API requests exceeded",
        ApiErrorCode.TooFast => "Requests too fast",
        ApiErrorCode.UnknownResource => "Resource type requested does not exist",
        ApiErrorCode.NotFound => "Resource requested does not exist",
        ApiErrorCode.ActionNotAvailable => "Action not available for resource",
        ApiErrorCode.MethodNotAllowed => "HTTP method not available for resource",
        ApiErrorCode.UnknownParameter => "Parameter not recognized",
        ApiErrorCode.Validation => "Validation error",
        ApiErrorCode.Database => "Database error",
        ApiErrorCode.Offline => "Service offline",
        _ => "General (unknown) error",
    };
}
