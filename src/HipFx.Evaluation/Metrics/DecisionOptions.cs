using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>How an image's boxes become one image label (SPEC.md "Metrics").</summary>
public sealed record DecisionOptions
{
    /// <summary>τ: a box counts when its score is ≥ τ. Default 0.5.</summary>
    public double Tau { get; init; } = 0.5;

    /// <summary>
    /// The valgus-priority rule (paper, Discussion): when the decision would be <c>displaced_fnf</c> and a
    /// <c>valgus_impacted_fnf</c> box with score ≥ <see cref="ValgusTau"/> lies on the same hip, decide
    /// <c>valgus_impacted_fnf</c>. Default off.
    /// </summary>
    public bool ValgusPriority { get; init; }

    /// <summary>τ_v, the valgus score needed by the valgus-priority rule. Default 0.3.</summary>
    public double ValgusTau { get; init; } = 0.3;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming <c>Tau</c> or <c>ValgusTau</c> when outside [0, 1].</summary>
    public DecisionOptions Validated()
    {
        OptionRules.Fraction(Tau);
        OptionRules.Fraction(ValgusTau);
        return this;
    }
}
