using HipFx.Core;

namespace HipFx.Model.Assign;

/// <summary>
/// Settings of the AlignOTA label assigner (damo-yolo-t.md §4.1). The defaults are the values ZeroHead builds it
/// with; validate with <see cref="Validate"/> before use (the assigner does it once, in its constructor).
/// </summary>
public sealed record AlignOtaOptions
{
    /// <summary>Half side of each GT's centre square, in strides of the prior's level. Default 2.5.</summary>
    public double CenterRadius { get; init; } = 2.5;

    /// <summary>How many of a GT's best candidate IoUs are summed to give its dynamic k. Default 10.</summary>
    public int CandidateTopK { get; init; } = 10;

    /// <summary>Weight of the IoU cost −log(IoU + 1e-7). Default 3.0.</summary>
    public double IouWeight { get; init; } = 3.0;

    /// <summary>Weight of the QFL-shaped classification cost. Default 1.0.</summary>
    public double ClsWeight { get; init; } = 1.0;

    /// <summary>Added to the IoU inside the log of the IoU cost. Default 1e-7.</summary>
    public double IouCostEps { get; init; } = 1e-7;

    /// <summary>Cost added to a (prior, GT) pair that is not inside both the GT box and its centre square. Default 1e8.</summary>
    public double OutsidePenalty { get; init; } = 1e8;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the first bad setting.</summary>
    public AlignOtaOptions Validate()
    {
        OptionRules.Positive(CenterRadius);
        OptionRules.Positive(CandidateTopK);
        OptionRules.NonNegative(IouWeight);
        OptionRules.NonNegative(ClsWeight);
        OptionRules.Positive(IouCostEps);
        OptionRules.Positive(OutsidePenalty);
        return this;
    }
}
