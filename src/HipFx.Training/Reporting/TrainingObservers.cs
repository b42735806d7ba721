using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>Hands every event to each observer in order (the files first, then the console, as the CLI composes them).</summary>
public sealed class TrainingObservers(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void RunStarted(TrainingPlan plan) => Each(o => o.RunStarted(plan));

    public void StepCompleted(StepProgress progress) => Each(o => o.StepCompleted(progress));

    public void Validated(ValidationSummary validation) => Each(o => o.Validated(validation));

    public void CheckpointWritten(CheckpointWritten checkpoint) => Each(o => o.CheckpointWritten(checkpoint));

    public void EpochEnded(EpochSummary summary) => Each(o => o.EpochEnded(summary));

    public void Warning(string message) => Each(o => o.Warning(message));

    public void RunEnded(TrainingOutcome outcome) => Each(o => o.RunEnded(outcome));

    private void Each(Action<ITrainingObserver> action)
    {
        foreach (var observer in observers)
        {
            action(observer);
        }
    }
}
