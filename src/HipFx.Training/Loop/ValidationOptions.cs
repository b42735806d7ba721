using HipFx.Core;

namespace HipFx.Training.Loop;

/// <summary>
/// Validation during training: every <see cref="EveryEpochs"/> epochs (and after the last one) the EMA model runs
/// on the <see cref="Split"/> split through the in-memory detector; AP@0.5, AP@[.5:.95] and the image-level macro
/// Se/Sp at the τ chosen on that split are logged, and <see cref="BestMetric"/> picks <c>best.safetensors</c>.
/// YAML section <c>train.validation</c>.
/// </summary>
public sealed record ValidationOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train.validation";

    /// <summary><c>every_epochs</c>: validate every N epochs; the last epoch is always validated. 0 turns validation off (no best, no tau.json). Default 1.</summary>
    public int EveryEpochs { get; init; } = 1;

    /// <summary><c>best_metric</c>: ap50, ap50_95, macro_se or macro_youden. Default ap50.</summary>
    public ValidationMetric BestMetric { get; init; } = ValidationMetric.Ap50;

    /// <summary><c>split</c>: the manifest split validated on (and where τ is chosen). Default "val".</summary>
    public string Split { get; init; } = "val";

    /// <summary><c>batch_size</c>: images per forward pass while validating. Default 8.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Whether validation runs after <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>.</summary>
    public bool IsDue(int epoch, int epochs) => EveryEpochs > 0 && (epoch % EveryEpochs == 0 || epoch == epochs);

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key of the first bad value.</summary>
    public ValidationOptions Validated()
    {
        if (EveryEpochs < 0)
        {
            throw new HipFxConfigException($"{Section}.every_epochs: must be an integer ≥ 0, got {EveryEpochs}");
        }
        if (string.IsNullOrWhiteSpace(Split))
        {
            throw new HipFxConfigException($"{Section}.split: must name a split (e.g. val)");
        }
        if (BatchSize < 1)
        {
            throw new HipFxConfigException($"{Section}.batch_size: must be a positive integer, got {BatchSize}");
        }
        if (!Enum.IsDefined(BestMetric))
        {
            throw new HipFxConfigException(
                $"{Section}.best_metric: must be one of {string.Join(", ", ValidationMetricNames.All.Select(m => m.ToKey()))}");
        }
        return this;
    }
}
