using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>Which rule gave an image its label.</summary>
public enum DecisionRule
{
    /// <summary>No box with score ≥ τ: <c>no_fracture</c>.</summary>
    NoBoxAboveTau,

    /// <summary>The class of the highest-scoring box with score ≥ τ.</summary>
    HighestScore,

    /// <summary>The valgus-priority rule turned <c>displaced_fnf</c> into <c>valgus_impacted_fnf</c>.</summary>
    ValgusPriority,
}

/// <summary>An image-level decision: the label, the rule, and the box that decided it (null for no_fracture).</summary>
public sealed record ImageDecision(ImageLabel Label, DecisionRule Rule, Detection? Box)
{
    /// <summary>The rule's name as written in audit files and JSON: no_box_above_tau, highest_score, valgus_priority.</summary>
    public string RuleName => Rule switch
    {
        DecisionRule.NoBoxAboveTau => "no_box_above_tau",
        DecisionRule.HighestScore => "highest_score",
        DecisionRule.ValgusPriority => "valgus_priority",
        _ => throw new ArgumentOutOfRangeException(nameof(Rule), Rule, null),
    };
}
