namespace Intervals.Server.Tests.MultiProcess;

/// <summary>
/// Tests that start server processes run one at a time and alone: each keeps both cores busy, and timings
/// of the in-memory suites would otherwise suffer for no gain.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcessesGroup
{
    public const string Name = "Server processes on PostgreSQL";
}
