using Intervals.Server.Cli;
using Intervals.Server.Hosting;

if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(args);
}

try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.Configuration.AddIntervalsDefaults();
    builder.Logging.AddIntervalsConsole();
    builder.Services.AddIntervalsStorage(builder.Configuration, builder.Environment.ContentRootPath);
    builder.WebHost.UseIntervalsLimits();

    var app = builder.Build();
    await app.Services.StartIntervalsAsync(app.Lifetime.ApplicationStopping);

    app.UseIntervalsPipeline();
    app.MapIntervalsResources();

    await app.RunAsync();
}
catch (InvalidSettingException error)
{
    await Console.Error.WriteLineAsync($"Intervals.Server cannot start: {error.Message}");
    return 2;
}

return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program
{
}
