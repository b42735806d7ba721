namespace HipFx.Training.Loop;

/// <summary>
/// <c>hipfx train</c>'s loop: builds the model (official init or <c>init_weights</c>), the optimizer with its param
/// groups, the schedule and the EMA; runs epochs of steps (lr set every iteration, one dispose scope per step,
/// non-finite steps skipped); validates the EMA model; writes last/best/resume atomically; locks tau.json at the
/// end. Resumes exactly from last.resume/. Cancellation (Ctrl+C) stops after writing last.resume/.
/// </summary>
public sealed class TrainRunner(TrainRunSetup setup, ITrainingObserver observer)
{
    private readonly TrainRunSetup setup = setup;
    private readonly ITrainingObserver observer = observer;

    /// <summary>Runs (or resumes) the training; returns how it ended. Failures throw HipFx exceptions.</summary>
    public TrainingOutcome Run(CancellationToken cancellation = default)
    {
        _ = setup;
        _ = observer;
        throw new NotImplementedException("the training loop lands on branch trainer");
    }
}
