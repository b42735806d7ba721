using HipFx.Core;

namespace HipFx.Training.Optim;

/// <summary>
/// SGD as the official trainer builds it (damo-yolo-t.md §5.1): momentum 0.9, Nesterov, weight decay 5e-4 on conv
/// weights and the head Scale scalars, none on norm weights/biases and any <c>.bias</c>. The learning rate is given
/// per image and scaled by the batch (0.01/64 × batch), as YOLOX and DAMO-YOLO do. YAML section <c>train.optimizer</c>.
/// </summary>
public sealed record OptimizerOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train.optimizer";

    /// <summary><c>lr_per_image</c>: base learning rate per image; base lr = this × batch size. Default 0.01/64.</summary>
    public double LrPerImage { get; init; } = 0.01 / 64;

    /// <summary><c>momentum</c>: SGD momentum. Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary><c>nesterov</c>: Nesterov momentum. Default true.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary><c>weight_decay</c>: L2 decay on conv weights and head scales (never on norms or biases). Default 5e-4.</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>The base learning rate for a batch of <paramref name="batchSize"/> images.</summary>
    public double BaseLr(int batchSize) => LrPerImage * batchSize;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key of the first bad value.</summary>
    public OptimizerOptions Validated()
    {
        if (!(LrPerImage > 0) || double.IsInfinity(LrPerImage))
        {
            throw new HipFxConfigException($"{Section}.lr_per_image: must be a positive number, got {LrPerImage}");
        }
        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new HipFxConfigException($"{Section}.momentum: must be in [0, 1), got {Momentum}");
        }
        if (Nesterov && Momentum == 0)
        {
            throw new HipFxConfigException($"{Section}.nesterov: Nesterov momentum needs {Section}.momentum > 0");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            throw new HipFxConfigException($"{Section}.weight_decay: must be a number ≥ 0, got {WeightDecay}");
        }
        return this;
    }
}
