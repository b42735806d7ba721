using System.Globalization;
using HipFx.Training.Loop;

namespace HipFx.Training.Tests.Fakes;

/// <summary>
/// <c>dotnet exec HipFx.Training.Tests.dll train-host RUN_DIR EPOCHS BATCHES RESUME_EVERY [--resume]</c>: a real
/// training process (the tiny recipe) that prints "step N" after every step and "resume N" after every resume write,
/// for the test that kills it with SIGKILL. Without arguments it does nothing (the test runner never calls it).
/// </summary>
public static class TrainHost
{
    public static int Main(string[] args)
    {
        if (args is not ["train-host", var runDir, var epochs, var batches, var every, .. var rest])
        {
            return 0;
        }
        TinyRun.Deterministic();
        var options = TinyRun.Options(int.Parse(epochs, CultureInfo.InvariantCulture), int.Parse(every, CultureInfo.InvariantCulture));
        var setup = TinyRun.Setup(runDir, options, int.Parse(batches, CultureInfo.InvariantCulture), resume: rest.Contains("--resume"));
        new TrainRunner(setup, new PrintingObserver()).Run();
        Console.Out.WriteLine("done");
        return 0;
    }

    private sealed class PrintingObserver : ITrainingObserver
    {
        public void RunStarted(TrainingPlan plan) => Console.Out.WriteLine($"start {plan.StartIteration}");

        public void StepCompleted(StepProgress progress) => Console.Out.WriteLine($"step {progress.Iteration}");

        public void Validated(ValidationSummary validation)
        {
        }

        public void CheckpointWritten(CheckpointWritten checkpoint)
        {
            if (checkpoint.Kind == CheckpointKind.Resume)
            {
                Console.Out.WriteLine($"resume {checkpoint.Iteration}");
            }
        }

        public void EpochEnded(EpochSummary summary)
        {
        }

        public void Warning(string message) => Console.Out.WriteLine("warning " + message);

        public void RunEnded(TrainingOutcome outcome)
        {
        }
    }
}
