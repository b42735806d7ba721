using Spectre.Console;

namespace HipFx.Cli.Output;

/// <summary>
/// Progress for long loops: a Spectre.Console progress bar when stderr is an interactive terminal, else one
/// "\rlabel: done/total" line on the error writer (logs and tests stay readable).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, handing it a (done, total) callback; returns its result.</summary>
    public static T Run<T>(TextWriter error, string label, Func<Action<int, int>, T> work)
    {
        bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            return work((done, total) => error.Write($"\r{label}: {done}/{total}{(done == total ? "\n" : "")}"));
        }
        T result = default!;
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            .Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, autoStart: true, maxValue: 1);
                result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                });
                task.StopTask();
            });
        return result;
    }
}
