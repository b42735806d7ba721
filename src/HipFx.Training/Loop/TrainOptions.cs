using HipFx.Core;
using HipFx.Training.Checkpoints;
using HipFx.Training.Ema;
using HipFx.Training.Optim;
using HipFx.Training.Schedule;

namespace HipFx.Training.Loop;

/// <summary>
/// The training loop's recipe (YAML section <c>train</c>): batch, schedule, optimizer, EMA, validation,
/// checkpoints, seed, NaN tolerance and starting weights. Defaults are the official DAMO-YOLO-T recipe
/// (damo-yolo-t.md §5) at the paper's batch 64. The data pipeline's and the step's options are separate records
/// owned by those parts. Immutable; <see cref="Validated"/> once before use.
/// </summary>
public sealed record TrainOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train";

    /// <summary><c>batch_size</c>: images per optimizer step (all replicas together); scales the lr. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Epochs, warm-up, cosine floor and the no-aug tail (keys directly under <c>train</c>).</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary><c>train.optimizer</c>: SGD settings.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary><c>train.ema</c>: model EMA.</summary>
    public EmaOptions Ema { get; init; } = new();

    /// <summary><c>train.validation</c>: when and how to validate, which metric picks best.</summary>
    public ValidationOptions Validation { get; init; } = new();

    /// <summary><c>train.checkpoints</c>: what the run folder keeps and how often resume state is written.</summary>
    public CheckpointOptions Checkpoints { get; init; } = new();

    /// <summary><c>seed</c>: seeds the model init (torch generator) and, with epoch and batch index, every data choice. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// <c>max_nonfinite_steps</c>: steps whose loss or gradients are NaN/Inf are skipped with a warning; after this
    /// many in one run training stops with an error. Default 10.
    /// </summary>
    public int MaxNonFiniteSteps { get; init; } = 10;

    /// <summary>
    /// <c>init_weights</c>: a hipfx checkpoint to start from (e.g. the COCO release after <c>hipfx import-weights</c>;
    /// a class head of another size is re-initialised), or null for the official initialisation. Default null.
    /// </summary>
    public string? InitWeights { get; init; }

    /// <summary>The base lr this recipe gives (per-image lr × batch).</summary>
    public double BaseLr => Optimizer.BaseLr(BatchSize);

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key (e.g. <c>train.epochs</c>) of the first bad value.</summary>
    public TrainOptions Validated()
    {
        if (BatchSize < 1)
        {
            throw new HipFxConfigException($"{Section}.batch_size: must be a positive integer, got {BatchSize}");
        }
        if (MaxNonFiniteSteps < 0)
        {
            throw new HipFxConfigException($"{Section}.max_nonfinite_steps: must be an integer ≥ 0, got {MaxNonFiniteSteps}");
        }
        if (InitWeights is not null && string.IsNullOrWhiteSpace(InitWeights))
        {
            throw new HipFxConfigException($"{Section}.init_weights: must be a checkpoint path or absent");
        }
        Schedule.Validated();
        Optimizer.Validated();
        Ema.Validated();
        Validation.Validated();
        Checkpoints.Validated();
        return this;
    }
}
