namespace Intervals.Client.Wire;

/// <summary>What a failed attempt may be followed by.</summary>
internal enum RetryRule
{
    /// <summary>Reads and updates: repeating them changes nothing that the first attempt did not.</summary>
    Repeatable,

    /// <summary>Deletes: repeatable, and "not found" after a failed attempt means that attempt already deleted it.</summary>
    RepeatableDelete,

    /// <summary>Creates: a repeat after a response was lost could store the item twice.</summary>
    Never,
}

/// <summary>One API call, kept as data so that each retry can build a fresh message.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">Path and query relative to the API root, e.g. <c>personcontact/12/</c>.</param>
/// <param name="Body">UTF-8 JSON body, or null.</param>
/// <param name="Retry">Whether a transient failure may be retried.</param>
internal sealed record ApiRequest(HttpMethod Method, string Path, byte[]? Body, RetryRule Retry)
{
    public static ApiRequest Get(string path) => new(HttpMethod.Get, path, null, RetryRule.Repeatable);

    public static ApiRequest Create(string path, byte[] body) => new(HttpMethod.Post, path, body, RetryRule.Never);

    public static ApiRequest Update(string path, byte[] body) => new(HttpMethod.Put, path, body, RetryRule.Repeatable);

    public static ApiRequest Delete(string path) => new(HttpMethod.Delete, path, null, RetryRule.RepeatableDelete);
}
