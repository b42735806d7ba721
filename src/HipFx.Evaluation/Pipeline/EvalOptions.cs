using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Statistics;
using HipFx.Core;

namespace HipFx.Evaluation.Pipeline;

/// <summary>Everything that changes an evaluation's numbers.</summary>
public sealed record EvalOptions
{
    /// <summary>τ and the valgus-priority rule.</summary>
    public DecisionOptions Decision { get; init; } = new();

    /// <summary>A ground-truth box counts as found for IoU/Dice when its best match has IoU ≥ this. Default 0.5.</summary>
    public double OverlapMinIoU { get; init; } = 0.5;

    /// <summary>Patient-level bootstrap of the micro/macro rows and mAP; off by default.</summary>
    public BootstrapOptions Bootstrap { get; init; } = new();

    public EvalOptions Validated()
    {
        Decision.Validated();
        Bootstrap.Validated();
        OptionRules.Fraction(OverlapMinIoU);
        return this;
    }
}
