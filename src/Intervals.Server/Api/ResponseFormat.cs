using Microsoft.Net.Http.Headers;

namespace Intervals.Server.Api;

public enum ResponseFormat
{
    Json,
    Xml,
}

public static class ResponseFormats
{
    /// <summary>
    /// XML when the Accept header prefers application/xml or text/xml over JSON; JSON in every other case,
    /// including no header, wildcards, unknown types and headers that do not parse.
    /// </summary>
    public static ResponseFormat FromAccept(string? accept)
    {
        if (string.IsNullOrEmpty(accept) || !accept.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            return ResponseFormat.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList([accept], out var types))
        {
            return ResponseFormat.Json;
        }

        double xml = 0, json = 0;
        int xmlAt = int.MaxValue, jsonAt = int.MaxValue;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            var quality = type.Quality ?? 1.0;
            var name = type.MediaType.Value ?? "";
            if (name.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
                || name.Equals("text/xml", StringComparison.OrdinalIgnoreCase))
            {
                if (quality > xml)
                {
                    (xml, xmlAt) = (quality, i);
                }
            }
            else if (name.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || name.Equals("text/json", StringComparison.OrdinalIgnoreCase))
            {
                if (quality > json)
                {
                    (json, jsonAt) = (quality, i);
                }
            }
        }

        return xml > 0 && (xml > json || (xml == json && xmlAt < jsonAt)) ? ResponseFormat.Xml : ResponseFormat.Json;
    }

    /// <summary>The format for this request's response, read from its Accept header (once a response, so not kept).</summary>
    public static ResponseFormat Of(HttpContext context) => FromAccept(context.Request.Headers.Accept.ToString());
}
