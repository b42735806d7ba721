using HipFx.Core.IO;
using HipFx.Data.Runs;
using HipFx.Evaluation.Plots;
using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>
/// Redraws <c>curves.png</c> (<see cref="TrainingCurves"/>) from <c>results.csv</c> after each epoch, so a resumed run
/// shows its whole history: compose it after <see cref="ResultsCsvObserver"/>, which writes the epoch's row first.
/// </summary>
public sealed class CurvesObserver(RunFolder run) : TrainingObserverBase
{
    public override void EpochEnded(EpochSummary summary) =>
        AtomicFile.WriteAllBytes(run.CurvesFile, TrainingCurves.Png(ResultsTable.Read(run.ResultsFile)));
}
