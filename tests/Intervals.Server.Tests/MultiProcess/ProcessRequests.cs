using System.Text;
using System.Text.Json;
using Intervals.Server.Tests.Infrastructure;

namespace Intervals.Server.Tests.MultiProcess;

/// <summary>Requests to a server process, answered as the in-memory suites see them.</summary>
public static class ProcessRequests
{
    public static async Task<ApiResponse> SendAsync(this HttpClient client, HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return new ApiResponse(response, await response.Content.ReadAsStringAsync());
    }

    public static Task<ApiResponse> GetApiAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);
}
