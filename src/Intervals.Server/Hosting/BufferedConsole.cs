using System.Text;

namespace Intervals.Server.Hosting;

/// <summary>
/// Makes standard output buffered and flushes it a few times a second, so that the one log line a request
/// costs a memory copy rather than a write system call. A killed process loses at most the last fraction of
/// a second of log lines; an orderly stop flushes everything.
/// </summary>
public static class BufferedConsole
{
    private static readonly Lock Gate = new();
    private static Timer? _flusher;

    public static void Install(TimeSpan flushEvery)
    {
        lock (Gate)
        {
            if (_flusher is not null)
            {
                return;
            }

            var writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), bufferSize: 64 * 1024)
            {
                AutoFlush = false,
            };
            Console.SetOut(writer);
            _flusher = new Timer(_ => Flush(), null, flushEvery, flushEvery);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => Flush();
        }
    }

    public static void Flush()
    {
        try
        {
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // Nobody reads our output any more (a closed pipe): there is nothing useful to do.
        }
    }
}
