using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>A macro average: the unweighted mean over the classes where the value is defined, and how many those were.</summary>
public readonly record struct MacroValue(double Value, int Classes)
{
    public static MacroValue Of(IEnumerable<double> perClass)
    {
        var defined = perClass.Where(v => !double.IsNaN(v)).ToList();
        return new MacroValue(defined.Count == 0 ? double.NaN : defined.Average(), defined.Count);
    }
}

/// <summary>
/// Per-class one-vs-rest counts of the four fracture classes, the micro row (pooled counts) and the
/// macro row (unweighted mean of the per-class values), from a <see cref="ConfusionMatrix"/>.
/// </summary>
public sealed record ClassificationSummary(IReadOnlyList<BinaryCounts> PerClass)
{
    public static ClassificationSummary From(ConfusionMatrix matrix) =>
        new(ClassNames.FractureClasses.Select(matrix.OneVsRest).ToList());

    public BinaryCounts this[FractureClass c] => PerClass[(int)c];

    /// <summary>Pooled TP/FP/FN/TN over the four fracture classes.</summary>
    public BinaryCounts Micro => PerClass.Aggregate(default(BinaryCounts), (a, b) => a + b);

    public MacroValue MacroAccuracy => MacroValue.Of(PerClass.Select(c => c.Accuracy.Value));

    public MacroValue MacroSensitivity => MacroValue.Of(PerClass.Select(c => c.Sensitivity.Value));

    public MacroValue MacroSpecificity => MacroValue.Of(PerClass.Select(c => c.Specificity.Value));

    /// <summary>Mean over defined classes of Youden's J = Se + Sp − 1 (the τ selection criterion).</summary>
    public MacroValue MacroYouden => MacroValue.Of(PerClass.Select(c => c.Sensitivity.Value + c.Specificity.Value - 1));
}
