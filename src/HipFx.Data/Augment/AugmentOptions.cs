using HipFx.Core;

namespace HipFx.Data.Augment;

/// <summary>
/// The training augmentations of the official DAMO-YOLO-T recipe (damo-yolo-t.md section 5.4); the defaults are the
/// official values. Box-level SADA (scale-aware auto-augmentation) is optional in the official code and is left
/// out here: no colour or box-level geometric ops are applied.
/// </summary>
public sealed record AugmentOptions
{
    public static AugmentOptions Default { get; } = new();

    /// <summary>No mosaic, no mixup, no flip: the plain stretched image (for previews and checks).</summary>
    public static AugmentOptions None { get; } = new() { MosaicProbability = 0, MixupProbability = 0, FlipProbability = 0 };

    /// <summary><c>mosaic_prob</c>: probability of a 4-image mosaic while augmentation is on. Default 1.0.</summary>
    public double MosaicProbability { get; init; } = 1.0;

    /// <summary><c>mosaic_scale</c>: range of the random affine's scale. Default 0.1 to 2.0.</summary>
    public double MosaicScaleMin { get; init; } = 0.1;

    public double MosaicScaleMax { get; init; } = 2.0;

    /// <summary><c>mixup_prob</c>: probability of blending a second labelled image into a mosaic. Default 0.15 (T).</summary>
    public double MixupProbability { get; init; } = 0.15;

    /// <summary><c>mixup_scale</c>: jitter of the pasted image. Default 0.5 to 1.5.</summary>
    public double MixupScaleMin { get; init; } = 0.5;

    public double MixupScaleMax { get; init; } = 1.5;

    /// <summary><c>degrees</c>: rotation range ± in degrees. Default 10.</summary>
    public double Degrees { get; init; } = 10.0;

    /// <summary><c>translate</c>: translation as a fraction of the input size (centre at U(0.5 ± t)·S). Default 0.2.</summary>
    public double Translate { get; init; } = 0.2;

    /// <summary><c>shear</c>: shear range ± in degrees. Default 0.2 (T).</summary>
    public double Shear { get; init; } = 0.2;

    /// <summary><c>flip_prob</c>: horizontal flip probability. Default 0.5.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary><c>no_aug_epochs</c>: the last epochs trained without mosaic and mixup. Default 16.</summary>
    public int NoAugEpochs { get; init; } = 16;

    /// <summary>True when <paramref name="epoch"/> (0-based) of <paramref name="totalEpochs"/> may use mosaic and mixup.</summary>
    public bool MosaicOn(int epoch, int totalEpochs) => epoch < totalEpochs - NoAugEpochs;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key when a value cannot work.</summary>
    public AugmentOptions Validate()
    {
        Probability(MosaicProbability, "mosaic_prob");
        Probability(MixupProbability, "mixup_prob");
        Probability(FlipProbability, "flip_prob");
        Range(MosaicScaleMin, MosaicScaleMax, "mosaic_scale");
        Range(MixupScaleMin, MixupScaleMax, "mixup_scale");
        if (!(Degrees >= 0 && Degrees <= 180))
        {
            throw new HipFxConfigException($"augment.degrees must be in 0..180, found {Degrees}");
        }
        if (!(Translate >= 0 && Translate <= 0.5))
        {
            throw new HipFxConfigException($"augment.translate must be in 0..0.5, found {Translate}");
        }
        if (!(Shear >= 0 && Shear < 45))
        {
            throw new HipFxConfigException($"augment.shear must be in 0..45 degrees, found {Shear}");
        }
        if (NoAugEpochs < 0)
        {
            throw new HipFxConfigException($"augment.no_aug_epochs must be >= 0, found {NoAugEpochs}");
        }
        return this;
    }

    private static void Probability(double p, string key)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new HipFxConfigException($"augment.{key} must be a probability in 0..1, found {p}");
        }
    }

    private static void Range(double low, double high, string key)
    {
        if (!(low > 0 && low <= high && high <= 10))
        {
            throw new HipFxConfigException($"augment.{key} must satisfy 0 < min <= max <= 10, found {low}..{high}");
        }
    }
}
