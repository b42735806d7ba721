using HipFx.Evaluation.Metrics;
using HipFx.Model;

namespace HipFx.Training.Loop;

/// <summary>
/// Validation of an in-memory model on the validation split (the detector seam + the Evaluation metrics): the
/// trainer hands it the EMA model (in eval mode, no grad) and gets the numbers back.
/// </summary>
public interface ITrainValidator : IDisposable
{
    /// <summary>Images in the validation split.</summary>
    int ImageCount { get; }

    /// <summary>Runs <paramref name="model"/> over the split and computes the metrics, τ chosen on the split.</summary>
    ValidationMetrics Validate(DamoYolo model, CancellationToken cancellation);
}

/// <summary>
/// What one validation gives: mean AP@0.5 and AP@[.5:.95] over the fracture classes, image-level macro Se/Sp at the
/// τ chosen on the split, and that choice (ready to be locked as tau.json).
/// </summary>
public sealed record ValidationMetrics(double Ap50, double Ap50To95, double MacroSensitivity, double MacroSpecificity, TauSelection Tau)
{
    /// <summary>The value of <paramref name="metric"/> (higher is better).</summary>
    public double Get(ValidationMetric metric) => metric switch
    {
        ValidationMetric.Ap50 => Ap50,
        ValidationMetric.Ap50To95 => Ap50To95,
        ValidationMetric.MacroSensitivity => MacroSensitivity,
        ValidationMetric.MacroYouden => MacroSensitivity + MacroSpecificity - 1,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
