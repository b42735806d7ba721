using HipFx.Core;

namespace HipFx.Training.Ema;

/// <summary>
/// The model EMA of the official trainer (damo-yolo-t.md §5.3): after the optimizer step of global iteration i (0-based),
/// d = <see cref="Momentum"/>·(1 − exp(−i/<see cref="RampIterations"/>)), ema = d·ema + (1 − d)·model over every
/// floating state_dict entry (BN running statistics included); at i = 0, d = 0 (a copy). Validation and saved
/// checkpoints use the EMA.
/// YAML section <c>train.ema</c>.
/// </summary>
public sealed record EmaOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train.ema";

    /// <summary><c>enabled</c>: keep an EMA (when false, validation and checkpoints use the raw weights). Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>momentum</c>: the EMA decay the ramp approaches. Default 0.9998.</summary>
    public double Momentum { get; init; } = 0.9998;

    /// <summary><c>ramp_iterations</c>: τ of the ramp 1 − exp(−i/τ), in iterations. Default 2000.</summary>
    public double RampIterations { get; init; } = 2000;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key of the first bad value.</summary>
    public EmaOptions Validated()
    {
        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new HipFxConfigException($"{Section}.momentum: must be in [0, 1), got {Momentum}");
        }
        if (!(RampIterations > 0) || double.IsInfinity(RampIterations))
        {
            throw new HipFxConfigException($"{Section}.ramp_iterations: must be a positive number, got {RampIterations}");
        }
        return this;
    }
}
