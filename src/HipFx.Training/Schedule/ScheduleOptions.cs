using HipFx.Core;

namespace HipFx.Training.Schedule;

/// <summary>
/// The learning-rate schedule of the official <c>cosine_scheduler</c> (damo-yolo-t.md §5.2), set every iteration:
/// a quadratic warm-up over <see cref="WarmupEpochs"/> from <see cref="WarmupStartRatio"/>·base to base, a cosine
/// from base down to <see cref="MinLrRatio"/>·base, and the last <see cref="NoAugEpochs"/> epochs constant at that
/// floor (and without mosaic/mixup in the data pipeline). Keys live directly under <c>train</c>.
/// <para>
/// The paper's "warm-up ... to 0.05" has two readings. The official one (the default): 0.05 is
/// <c>min_lr_ratio</c>, the cosine floor, and warm-up starts at 0. The other reading: warm-up starts at 0.05 of the
/// base rate: set <c>warmup_start_ratio: 0.05</c> (and choose <c>min_lr_ratio</c> as wanted, e.g. 0.05 or 0).
/// </para>
/// </summary>
public sealed record ScheduleOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train";

    /// <summary><c>epochs</c>: total training epochs, the no-aug tail included. Default 300 (official; the paper trained 430).</summary>
    public int Epochs { get; init; } = 300;

    /// <summary><c>warmup_epochs</c>: epochs of quadratic warm-up, counted in iterations. Default 5.</summary>
    public int WarmupEpochs { get; init; } = 5;

    /// <summary><c>warmup_start_ratio</c>: the warm-up's first lr as a fraction of the base lr. Default 0 (official warmup_start_lr 0).</summary>
    public double WarmupStartRatio { get; init; }

    /// <summary><c>min_lr_ratio</c>: the cosine floor and the no-aug lr, as a fraction of the base lr. Default 0.05.</summary>
    public double MinLrRatio { get; init; } = 0.05;

    /// <summary><c>no_aug_epochs</c>: last epochs at the floor lr without mosaic/mixup. Default 16.</summary>
    public int NoAugEpochs { get; init; } = 16;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key of the first bad value.</summary>
    public ScheduleOptions Validated()
    {
        if (Epochs < 1)
        {
            throw new HipFxConfigException($"{Section}.epochs: must be a positive integer, got {Epochs}");
        }
        if (WarmupEpochs < 0)
        {
            throw new HipFxConfigException($"{Section}.warmup_epochs: must be an integer ≥ 0, got {WarmupEpochs}");
        }
        if (NoAugEpochs < 0)
        {
            throw new HipFxConfigException($"{Section}.no_aug_epochs: must be an integer ≥ 0, got {NoAugEpochs}");
        }
        if (WarmupEpochs + NoAugEpochs > Epochs)
        {
            throw new HipFxConfigException(
                $"{Section}.epochs: {Epochs} is less than warmup_epochs ({WarmupEpochs}) + no_aug_epochs ({NoAugEpochs})");
        }
        if (!(WarmupStartRatio >= 0 && WarmupStartRatio <= 1))
        {
            throw new HipFxConfigException($"{Section}.warmup_start_ratio: must be in [0, 1], got {WarmupStartRatio}");
        }
        if (!(MinLrRatio >= 0 && MinLrRatio <= 1))
        {
            throw new HipFxConfigException($"{Section}.min_lr_ratio: must be in [0, 1], got {MinLrRatio}");
        }
        return this;
    }
}
