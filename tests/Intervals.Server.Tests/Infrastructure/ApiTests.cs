namespace Intervals.Server.Tests.Infrastructure;

/// <summary>
/// Base of every suite that runs on both engines: a class per engine derives from it in one line, so the
/// tests are written once. Tests on an engine that is not available are reported as skipped, with the reason.
/// </summary>
public abstract class ApiTests<TEngine> : IClassFixture<ServerFixture<TEngine>>
    where TEngine : IEngine, new()
{
    protected ApiTests(ServerFixture<TEngine> server)
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        Server = server;
    }

    protected ServerFixture<TEngine> Server { get; }

    protected const string Admin = ServerFixture<TEngine>.AdminToken;
}
