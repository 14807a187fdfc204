namespace Intervals.Server.Hosting;

/// <summary>A setting the server cannot start with; reported as one line, without a stack trace.</summary>
public sealed class InvalidSettingException(string message) : InvalidOperationException(message);
