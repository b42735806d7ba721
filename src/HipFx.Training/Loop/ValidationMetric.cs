namespace HipFx.Training.Loop;

/// <summary>The validation number that picks the <c>best</c> checkpoint (higher is better for each).</summary>
public enum ValidationMetric
{
    /// <summary><c>ap50</c>: COCO AP@0.5, mean over the fracture classes.</summary>
    Ap50,

    /// <summary><c>ap50_95</c>: COCO AP@[.5:.95], mean over the fracture classes.</summary>
    Ap50To95,

    /// <summary><c>macro_se</c>: image-level macro sensitivity at the τ chosen on val.</summary>
    MacroSensitivity,

    /// <summary><c>macro_youden</c>: image-level macro Se + Sp − 1 at the τ chosen on val.</summary>
    MacroYouden,
}

/// <summary>The YAML spellings of <see cref="ValidationMetric"/>.</summary>
public static class ValidationMetricNames
{
    public static string ToKey(this ValidationMetric metric) => metric switch
    {
        ValidationMetric.Ap50 => "ap50",
        ValidationMetric.Ap50To95 => "ap50_95",
        ValidationMetric.MacroSensitivity => "macro_se",
        ValidationMetric.MacroYouden => "macro_youden",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Every metric with its key, for parsing and for help texts.</summary>
    public static IReadOnlyList<ValidationMetric> All { get; } = Enum.GetValues<ValidationMetric>();

    /// <summary>The metric for a YAML key, or null when none matches.</summary>
    public static ValidationMetric? Parse(string key) =>
        All.Select(m => (ValidationMetric?)m).FirstOrDefault(m => m!.Value.ToKey() == key.Trim().ToLowerInvariant());
}
