using Intervals.Client;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IntervalsClient"/> with <see cref="IHttpClientFactory"/>.</summary>
public static class IntervalsClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IntervalsClient"/> as a typed HTTP client configured by <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the base address, token and retry settings.</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddIntervalsClient(this IServiceCollection services, Action<IntervalsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IntervalsClientOptions>().Configure(configure);
        var builder = services.AddHttpClient(nameof(IntervalsClient));
        builder.AddTypedClient((http, provider) =>
            new IntervalsClient(http, provider.GetRequiredService<IOptions<IntervalsClientOptions>>().Value));
        return builder;
    }
}
