namespace Intervals.Client;

/// <summary>The error codes the Intervals API puts in its error envelope.</summary>
public enum IntervalsErrorCode
{
    /// <summary>General (unknown) error.</summary>
    General = 1,

    /// <summary>User not found.</summary>
    UserNotFound = 7,

    /// <summary>The person holding the token is not active.</summary>
    UserNotActive = 8,

    /// <summary>Missing, malformed or unknown credentials.</summary>
    InvalidAuthentication = 9,

    /// <summary>The caller may not see or change this information.</summary>
    Permission = 10,

    /// <summary>The daily request limit is used up.</summary>
    DailyLimitExceeded = 11,

    /// <summary>Requests too fast; transient.</summary>
    TooFast = 12,

    /// <summary>The resource type does not exist.</summary>
    UnknownResource = 13,

    /// <summary>The requested item does not exist.</summary>
    NotFound = 14,

    /// <summary>The action is not available for the resource.</summary>
    ActionNotAvailable = 15,

    /// <summary>The HTTP method is not available for the resource.</summary>
    MethodNotAllowed = 16,

    /// <summary>A query parameter was not recognised.</summary>
    UnknownParameter = 17,

    /// <summary>A filter or field failed validation; <see cref="IntervalsApiException.Verbose"/> says which.</summary>
    Validation = 18,

    /// <summary>Database error; transient.</summary>
    Database = 19,

    /// <summary>Service offline; transient.</summary>
    ServiceOffline = 20,
}
