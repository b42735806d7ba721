using HipFx.Training.Ema;
using HipFx.Training.Optim;
using HipFx.Training.Schedule;

namespace HipFx.Cli.Config;

/// <summary>
/// Everything <c>hipfx train</c> reads from its YAML config, as the layers' own options records. Built only by
/// <see cref="ConfigLoader"/> (defaults, then the file, then <c>--set</c>, then one validation); immutable after.
/// </summary>
public sealed record TrainConfig
{
    public DataSettings Data { get; init; } = new();

    public ModelSettings Model { get; init; } = new();

    public AugmentOptions Augment { get; init; } = new();

    public TrainOptions Train { get; init; } = new();

    public OptimizerOptions Optimizer { get; init; } = new();

    public ScheduleOptions Schedule { get; init; } = new();

    public EmaOptions Ema { get; init; } = new();

    public ValidationOptions Validation { get; init; } = new();

    public RuntimeSettings Runtime { get; init; } = new();
}
