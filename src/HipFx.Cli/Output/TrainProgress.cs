using System.Diagnostics;
using System.Globalization;
using HipFx.Training.Loop;
using HipFx.Training.Reporting;
using Spectre.Console;

namespace HipFx.Cli.Output;

/// <summary>
/// What <c>hipfx train</c> shows: a progress bar per epoch (losses, lr, images/s, ETA, process memory) on an
/// interactive terminal, a few progress lines per epoch otherwise (logs stay readable), and one summary line per
/// epoch with the validation numbers. Warnings go to the error writer.
/// </summary>
internal sealed class TrainProgress(TextWriter output, TextWriter error) : TrainingObserverBase
{
    private readonly Stopwatch clock = new();
    private ProgressContext? live;
    private ProgressTask? bar;
    private TrainingPlan? plan;
    private int barEpoch;
    private IAnsiConsole? console;

    /// <summary>Runs <paramref name="train"/> under a live progress display when stderr is a terminal.</summary>
    public T Run<T>(Func<T> train)
    {
        bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            return train();
        }
        T result = default!;
        console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(ctx =>
            {
                live = ctx;
                try
                {
                    result = train();
                }
                finally
                {
                    bar?.StopTask();
                    live = null;
                }
            });
        return result;
    }

    public override void RunStarted(TrainingPlan p)
    {
        plan = p;
        clock.Restart();
        Line(Invariant(
            $"{(p.Resumed ? "resuming" : "training")} {p.RunDirectory}: {p.TrainImages} train / {p.ValidationImages} val images, {p.Epochs} epochs x {p.BatchesPerEpoch} steps of {p.BatchSize}, base lr {p.BaseLr:G4}, {p.Parameters:N0} parameters, {(p.InitWeights is null ? "official init" : "from " + p.InitWeights)}{(p.Resumed ? $", from epoch {p.StartEpoch} iteration {p.StartIteration}" : "")}"));
    }

    public override void StepCompleted(StepProgress s)
    {
        string text = Invariant(
            $"epoch {s.Epoch}/{plan?.Epochs} loss {s.Loss:F3} (cls {s.LossCls:F3} box {s.LossBbox:F3} dfl {s.LossDfl:F3}) lr {s.Lr:G3} {s.ImagesPerSecond:F1} img/s ETA {Eta(s.Iteration)} mem {s.ProcessMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB{(s.Skipped ? " SKIPPED (non-finite)" : "")}");
        if (live is not null)
        {
            if (bar is null || barEpoch != s.Epoch)
            {
                bar?.StopTask();
                bar = live.AddTask(Markup.Escape(text), autoStart: true, maxValue: s.BatchesPerEpoch);
                barEpoch = s.Epoch;
            }
            bar.Description = Markup.Escape(text);
            bar.Value = s.Batch + 1;
            return;
        }
        int every = Math.Max(1, s.BatchesPerEpoch / 4);
        if ((s.Batch + 1) % every == 0 && s.Batch + 1 < s.BatchesPerEpoch)
        {
            error.WriteLine($"  {s.Batch + 1}/{s.BatchesPerEpoch} {text}");
        }
    }

    public override void EpochEnded(EpochSummary e)
    {
        bar?.StopTask();
        string line = Invariant(
            $"epoch {e.Epoch}/{plan?.Epochs}  loss {e.Loss:F3} (cls {e.LossCls:F3} box {e.LossBbox:F3} dfl {e.LossDfl:F3})  lr {e.Lr:G3}  {e.ImagesPerSecond:F1} img/s  {e.EpochSeconds:F0} s");
        if (e.SkippedSteps > 0)
        {
            line += Invariant($"  {e.SkippedSteps} steps skipped");
        }
        if (e.Validation is { } v)
        {
            line += Invariant(
                $"  | val AP50 {v.Ap50:F3} AP50:95 {v.Ap50To95:F3} macro Se {v.MacroSensitivity:F3} Sp {v.MacroSpecificity:F3} at tau {v.Tau:F2} ({v.Seconds:F0} s){(v.IsBest ? " best" : "")}");
        }
        Line(line);
    }

    public override void Warning(string message) => error.WriteLine($"warning: {message}");

    public override void RunEnded(TrainingOutcome o)
    {
        Line(Invariant(
            $"{(o.End == TrainingEnd.Completed ? "finished" : "stopped")} after {o.EpochsDone} epochs ({o.Iterations} iterations) in {TimeSpan.FromSeconds(o.Seconds):hh\\:mm\\:ss}; best epoch {(o.BestEpoch?.ToString(CultureInfo.InvariantCulture) ?? "-")} ({(o.BestMetric is { } m ? m.ToString("F3", CultureInfo.InvariantCulture) : "-")}); tau {(o.Tau is { } t ? t.ToString("F3", CultureInfo.InvariantCulture) : "not locked")}"));
    }

    /// <summary>A line on stdout; under the live display it is printed above the bar (and to stdout too when that is redirected).</summary>
    private void Line(string text)
    {
        if (live is null)
        {
            output.WriteLine(text);
            return;
        }
        console!.WriteLine(text);
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            output.WriteLine(text);
        }
    }

    private string Eta(long iteration)
    {
        if (plan is null || iteration <= plan.StartIteration)
        {
            return "-";
        }
        double perIteration = clock.Elapsed.TotalSeconds / (iteration - plan.StartIteration);
        var left = TimeSpan.FromSeconds(perIteration * Math.Max(0, plan.TotalIterations - iteration));
        return left.TotalHours >= 1 ? $"{(int)left.TotalHours}h{left.Minutes:00}m" : $"{left.Minutes}m{left.Seconds:00}s";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
