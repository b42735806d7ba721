using HipFx.Data.Runs;
using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>
/// Keeps <c>results.csv</c> (<see cref="ResultsTable"/>) up to date: the whole file is rewritten after each epoch. A
/// resumed run keeps the rows of the epochs before the one it restarts in and drops any later ones (written before the
/// interruption, now redone).
/// </summary>
public sealed class ResultsCsvObserver(RunFolder run) : TrainingObserverBase
{
    private readonly List<EpochResult> rows = [];

    public override void RunStarted(TrainingPlan plan)
    {
        rows.Clear();
        if (plan.Resumed && File.Exists(run.ResultsFile))
        {
            rows.AddRange(ResultsTable.Read(run.ResultsFile).Where(r => r.Epoch < plan.StartEpoch));
        }
        ResultsTable.Write(run.ResultsFile, rows);
    }

    public override void EpochEnded(EpochSummary summary)
    {
        rows.Add(Result(summary));
        ResultsTable.Write(run.ResultsFile, rows);
    }

    /// <summary>The row of <paramref name="summary"/>: the val_* values null when the epoch was not validated.</summary>
    public static EpochResult Result(EpochSummary summary)
    {
        var v = summary.Validation;
        return new EpochResult(summary.Epoch, summary.Iterations, summary.Lr, summary.Loss, summary.LossCls, summary.LossBbox,
            summary.LossDfl, summary.ImagesPerSecond, summary.EpochSeconds, v?.Ap50, v?.Ap50To95, v?.MacroSensitivity,
            v?.MacroSpecificity, v?.Tau);
    }
}
