using HipFx.Data.Augment;
using HipFx.Training.Loop;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;

namespace HipFx.Cli.Config;

/// <summary>
/// Everything <c>hipfx train</c> reads from its YAML config, as the layers' own options records. Built only by
/// <see cref="ConfigLoader"/> (defaults, then the file, then <c>--set</c>, then one validation); immutable after.
/// </summary>
public sealed record TrainConfig
{
    /// <summary><c>data</c>: the manifest, splits, input size and intensity mapping.</summary>
    public DataSettings Data { get; init; } = new();

    /// <summary><c>augment</c>: the training augmentations.</summary>
    public AugmentOptions Augment { get; init; } = new();

    /// <summary><c>train</c>: the loop's recipe (schedule, optimizer, EMA, validation, checkpoints).</summary>
    public TrainOptions Train { get; init; } = new();

    /// <summary><c>runtime.replicas</c>, <c>runtime.bf16</c>, <c>runtime.tf32</c>: how the step runs.</summary>
    public StepOptions Step { get; init; } = new();

    /// <summary><c>runtime.workers</c>, <c>runtime.prefetch</c>: the data loader.</summary>
    public LoaderOptions Loader { get; init; } = new();

    /// <summary><c>runtime.device</c>, <c>runtime.threads</c>.</summary>
    public RuntimeSettings Runtime { get; init; } = new();
}
