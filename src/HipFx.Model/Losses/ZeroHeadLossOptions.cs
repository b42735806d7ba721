using HipFx.Model.Assign;
using HipFx.Core;

namespace HipFx.Model.Losses;

/// <summary>
/// Weights and constants of ZeroHead's training loss (damo-yolo-t.md §4). Defaults are the official ones; validate
/// with <see cref="Validate"/> (the loss does it once, in its constructor).
/// </summary>
public sealed record ZeroHeadLossOptions
{
    /// <summary>Weight of the quality focal loss. Default 1.0.</summary>
    public double ClsWeight { get; init; } = 1.0;

    /// <summary>Weight of the GIoU loss. Default 2.0.</summary>
    public double BboxWeight { get; init; } = 2.0;

    /// <summary>Weight of the distribution focal loss. Default 0.25.</summary>
    public double DflWeight { get; init; } = 0.25;

    /// <summary>Exponent β of the quality focal loss. Default 2.0.</summary>
    public double QflBeta { get; init; } = QualityFocalLoss.DefaultBeta;

    /// <summary>DFL targets are clamped to [0, <see cref="Head.ZeroHead.RegMax"/> − this], keeping the right bin in range. Default 0.1.</summary>
    public double DflTargetMargin { get; init; } = 0.1;

    /// <summary>Lower clamp of union and enclosing area in the GIoU loss. Default 1e-6.</summary>
    public double GiouEps { get; init; } = BoxOverlaps.DefaultEps;

    /// <summary>The label assigner's settings.</summary>
    public AlignOtaOptions Assigner { get; init; } = new();

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the first bad setting.</summary>
    public ZeroHeadLossOptions Validate()
    {
        OptionRules.NonNegative(ClsWeight);
        OptionRules.NonNegative(BboxWeight);
        OptionRules.NonNegative(DflWeight);
        OptionRules.NonNegative(QflBeta);
        if (!(DflTargetMargin > 0 && DflTargetMargin < 1))
        {
            throw OptionRules.Fail(nameof(DflTargetMargin), $"must lie in (0, 1), got {DflTargetMargin}");
        }
        OptionRules.Positive(GiouEps);
        ArgumentNullException.ThrowIfNull(Assigner, nameof(Assigner));
        Assigner.Validate();
        return this;
    }
}
