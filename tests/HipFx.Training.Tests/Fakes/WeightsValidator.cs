using HipFx.Evaluation.Metrics;
using HipFx.Model;
using HipFx.Training.Loop;

namespace HipFx.Training.Tests.Fakes;

/// <summary>
/// A stand-in validator: its "metrics" are fixed functions of the model's weights (so a resumed run must give the
/// same numbers as an uninterrupted one), or a scripted list of AP@0.5 values per call.
/// </summary>
internal sealed class WeightsValidator(IReadOnlyList<double>? scriptedAp50 = null) : ITrainValidator
{
    public int Calls { get; private set; }

    /// <summary>Per call, whether the model it got was in training mode.</summary>
    public List<bool> SeenTraining { get; } = [];

    public int ImageCount => 10;

    public ValidationMetrics Validate(DamoYolo model, CancellationToken cancellation)
    {
        SeenTraining.Add(model.training);
        double ap50;
        if (scriptedAp50 is not null)
        {
            ap50 = scriptedAp50[Calls];
        }
        else
        {
            using var sum = model.parameters().First().abs().mean();
            ap50 = sum.item<float>() % 1.0;
        }
        Calls++;
        var tau = new TauSelection
        {
            Tau = 0.25 + 0.5 * ap50,
            Criterion = TauSelection.MacroYoudenCriterion,
            Objective = ap50 / 2,
            Split = "val",
            Images = ImageCount,
            Candidates = 3,
        };
        return new ValidationMetrics(ap50, ap50 / 2, ap50, 1 - ap50 / 3, tau);
    }

    public void Dispose()
    {
    }
}

/// <summary>Keeps every event the loop reports.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public TrainingPlan? Plan { get; private set; }

    public List<StepProgress> Steps { get; } = [];

    public List<ValidationSummary> Validations { get; } = [];

    public List<CheckpointWritten> Checkpoints { get; } = [];

    public List<EpochSummary> Epochs { get; } = [];

    public List<string> Warnings { get; } = [];

    public TrainingOutcome? Outcome { get; private set; }

    /// <summary>Called after each step (e.g. to sample memory or cancel).</summary>
    public Action<StepProgress>? OnStep { get; init; }

    public void RunStarted(TrainingPlan plan) => Plan = plan;

    public void StepCompleted(StepProgress progress)
    {
        Steps.Add(progress);
        OnStep?.Invoke(progress);
    }

    public void Validated(ValidationSummary validation) => Validations.Add(validation);

    public void CheckpointWritten(CheckpointWritten checkpoint) => Checkpoints.Add(checkpoint);

    public void EpochEnded(EpochSummary summary) => Epochs.Add(summary);

    public void Warning(string message) => Warnings.Add(message);

    public void RunEnded(TrainingOutcome outcome) => Outcome = outcome;
}
