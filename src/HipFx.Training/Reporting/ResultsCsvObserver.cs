using HipFx.Data.Runs;
using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>
/// Keeps <c>results.csv</c> up to date: the whole file is rewritten after each epoch. A resumed run keeps the rows of
/// the epochs before the one it restarts in and drops any later ones (written before the interruption, now redone).
/// </summary>
public sealed class ResultsCsvObserver(RunFolder run) : TrainingObserverBase
{
    private readonly List<string> rows = [];

    public override void RunStarted(TrainingPlan plan)
    {
        rows.Clear();
        if (plan.Resumed && File.Exists(run.ResultsFile))
        {
            foreach (var line in File.ReadAllLines(run.ResultsFile).Skip(1).Where(l => l.Length > 0))
            {
                if (int.TryParse(line.Split(',')[0], out int epoch) && epoch < plan.StartEpoch)
                {
                    rows.Add(line);
                }
            }
        }
        ResultsTable.Write(run.ResultsFile, rows);
    }

    public override void EpochEnded(EpochSummary summary)
    {
        rows.Add(ResultsTable.Row(summary));
        ResultsTable.Write(run.ResultsFile, rows);
    }
}
