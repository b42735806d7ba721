using HipFx.Core;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Metrics;

/// <summary>One image's row of the audit: truth, decision and the detections behind it.</summary>
public sealed record ImageOutcome(EvalImage Image, IReadOnlyList<Detection> Detections, ImageDecision Decision)
{
    public bool Correct => Image.Truth == Decision.Label;
}

/// <summary>All the numbers of one evaluation (one split), ready for tables and pictures.</summary>
public sealed record EvalResult(
    EvalOptions Options,
    IReadOnlyList<ImageOutcome> Outcomes,
    ConfusionMatrix Matrix,
    ClassificationSummary Classification,
    BoxOverlapSummary Overlap,
    CocoSummary Coco,
    IReadOnlyDictionary<string, BootstrapInterval> Bootstrap)
{
    /// <summary>The bootstrap interval of a named statistic (see <see cref="DetectionEvaluation"/>), when computed.</summary>
    public BootstrapInterval? Interval(string name) => Bootstrap.TryGetValue(name, out var b) ? b : null;
}
