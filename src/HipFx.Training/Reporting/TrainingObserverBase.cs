using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>An observer that ignores every event; subclasses override the ones they use.</summary>
public abstract class TrainingObserverBase : ITrainingObserver
{
    public virtual void RunStarted(TrainingPlan plan)
    {
    }

    public virtual void StepCompleted(StepProgress progress)
    {
    }

    public virtual void Validated(ValidationSummary validation)
    {
    }

    public virtual void CheckpointWritten(CheckpointWritten checkpoint)
    {
    }

    public virtual void EpochEnded(EpochSummary summary)
    {
    }

    public virtual void Warning(string message)
    {
    }

    public virtual void RunEnded(TrainingOutcome outcome)
    {
    }
}
