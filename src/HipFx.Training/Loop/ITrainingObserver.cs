namespace HipFx.Training.Loop;

/// <summary>
/// What the training loop reports, in order: <see cref="RunStarted"/>, then per step <see cref="StepCompleted"/>,
/// per epoch <see cref="EpochEnded"/> (after any <see cref="Validated"/> and <see cref="CheckpointWritten"/> of that
/// epoch), <see cref="Warning"/> whenever something is skipped, and <see cref="RunEnded"/> last. Called on the
/// training thread: keep the work small (the CLI's progress bar, results.csv, TensorBoard and curves writers
/// implement it). The events carry host numbers only, never tensors.
/// </summary>
public interface ITrainingObserver
{
    void RunStarted(TrainingPlan plan);

    void StepCompleted(StepProgress progress);

    void Validated(ValidationSummary validation);

    void CheckpointWritten(CheckpointWritten checkpoint);

    void EpochEnded(EpochSummary summary);

    void Warning(string message);

    void RunEnded(TrainingOutcome outcome);
}

/// <summary>The run ahead (epochs 1-based in every event; iterations count optimizer steps from 0).</summary>
/// <param name="RunDirectory">runs/&lt;name&gt;.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="BatchesPerEpoch">Optimizer steps per epoch.</param>
/// <param name="BatchSize">Images per step (all replicas).</param>
/// <param name="TrainImages">Images in the training split.</param>
/// <param name="ValidationImages">Images in the validation split (0 when validation is off).</param>
/// <param name="BaseLr">Peak learning rate.</param>
/// <param name="StartEpoch">The epoch the run (re)starts in.</param>
/// <param name="StartIteration">The global iteration it (re)starts at (0 for a fresh run).</param>
/// <param name="Resumed">True for <c>--resume</c>.</param>
/// <param name="InitWeights">The starting checkpoint, or null for the official init.</param>
/// <param name="Parameters">Trainable parameter count.</param>
public sealed record TrainingPlan(
    string RunDirectory,
    int Epochs,
    int BatchesPerEpoch,
    int BatchSize,
    int TrainImages,
    int ValidationImages,
    double BaseLr,
    int StartEpoch,
    long StartIteration,
    bool Resumed,
    string? InitWeights,
    long Parameters)
{
    public long TotalIterations => (long)Epochs * BatchesPerEpoch;
}

/// <summary>One finished (or skipped) optimizer step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">0-based batch index within the epoch.</param>
/// <param name="BatchesPerEpoch">Steps per epoch.</param>
/// <param name="Iteration">Global iteration after this step (1-based count of steps taken or skipped).</param>
/// <param name="Loss">Total loss of the step.</param>
/// <param name="LossCls">Quality focal loss.</param>
/// <param name="LossBbox">GIoU loss.</param>
/// <param name="LossDfl">Distribution focal loss.</param>
/// <param name="Lr">Learning rate used for the step.</param>
/// <param name="ImagesPerSecond">Throughput over the epoch so far (data wait included).</param>
/// <param name="ProcessMemoryBytes">Resident set size of the process.</param>
/// <param name="Skipped">True when the step was not applied (non-finite loss or gradients).</param>
public sealed record StepProgress(
    int Epoch,
    int Batch,
    int BatchesPerEpoch,
    long Iteration,
    double Loss,
    double LossCls,
    double LossBbox,
    double LossDfl,
    double Lr,
    double ImagesPerSecond,
    long ProcessMemoryBytes,
    bool Skipped);

/// <summary>Validation of the EMA model after an epoch.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Ap50">Mean AP@0.5 over the fracture classes.</param>
/// <param name="Ap50To95">Mean AP@[.5:.95].</param>
/// <param name="MacroSensitivity">Image-level macro sensitivity at <paramref name="Tau"/>.</param>
/// <param name="MacroSpecificity">Image-level macro specificity at <paramref name="Tau"/>.</param>
/// <param name="Tau">τ chosen on the validation split.</param>
/// <param name="Metric">The value of the configured best metric.</param>
/// <param name="IsBest">True when this epoch is the best so far (best.safetensors was written).</param>
/// <param name="Seconds">Wall time of the validation.</param>
public sealed record ValidationSummary(
    int Epoch,
    double Ap50,
    double Ap50To95,
    double MacroSensitivity,
    double MacroSpecificity,
    double Tau,
    double Metric,
    bool IsBest,
    double Seconds);

/// <summary>The kinds of files the loop writes into the run folder.</summary>
public enum CheckpointKind
{
    /// <summary>last.safetensors (EMA weights of the last finished epoch).</summary>
    Last,

    /// <summary>best.safetensors (EMA weights of the best validated epoch).</summary>
    Best,

    /// <summary>last.resume/ (state for exact --resume).</summary>
    Resume,

    /// <summary>tau.json (τ chosen on val at the end, locked).</summary>
    Tau,
}

/// <summary>A file or folder written atomically into the run folder.</summary>
public sealed record CheckpointWritten(CheckpointKind Kind, string Path, int Epoch, long Iteration);

/// <summary>
/// One epoch, as a results.csv row (columns epoch, iterations, lr, loss, loss_cls, loss_bbox, loss_dfl,
/// images_per_s, epoch_s, val_*); <see cref="Validation"/> is null when the epoch was not validated.
/// </summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Iterations">Global iterations done at the end of the epoch.</param>
/// <param name="Lr">Learning rate of the epoch's last step.</param>
/// <param name="Loss">Mean total loss over the epoch's applied steps.</param>
/// <param name="LossCls">Mean quality focal loss.</param>
/// <param name="LossBbox">Mean GIoU loss.</param>
/// <param name="LossDfl">Mean distribution focal loss.</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch (validation excluded).</param>
/// <param name="EpochSeconds">Wall time of the epoch's training steps.</param>
/// <param name="SkippedSteps">Non-finite steps skipped in the epoch.</param>
/// <param name="Validation">The epoch's validation, or null.</param>
public sealed record EpochSummary(
    int Epoch,
    long Iterations,
    double Lr,
    double Loss,
    double LossCls,
    double LossBbox,
    double LossDfl,
    double ImagesPerSecond,
    double EpochSeconds,
    int SkippedSteps,
    ValidationSummary? Validation);

/// <summary>How a run ended.</summary>
public enum TrainingEnd
{
    /// <summary>Every epoch ran.</summary>
    Completed,

    /// <summary>Stopped by the cancellation token (Ctrl+C) after writing last.resume/.</summary>
    Cancelled,
}

/// <summary>The end of a run (a failure throws instead: HipFxDataException / HipFxTrainingException).</summary>
/// <param name="End">Completed or cancelled.</param>
/// <param name="EpochsDone">Whole epochs finished.</param>
/// <param name="Iterations">Global iterations done.</param>
/// <param name="BestEpoch">Epoch of best.safetensors, or null.</param>
/// <param name="BestMetric">Its metric value, or null.</param>
/// <param name="Tau">τ locked in tau.json, or null when none was written.</param>
/// <param name="Seconds">Wall time of this process's part of the run.</param>
public sealed record TrainingOutcome(
    TrainingEnd End,
    int EpochsDone,
    long Iterations,
    int? BestEpoch,
    double? BestMetric,
    double? Tau,
    double Seconds);
