using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Statistics;

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
        if (OverlapMinIoU is < 0 or > 1 || double.IsNaN(OverlapMinIoU))
        {
            throw new ArgumentOutOfRangeException(nameof(OverlapMinIoU), OverlapMinIoU, "must be in [0, 1]");
        }
        return this;
    }
}
