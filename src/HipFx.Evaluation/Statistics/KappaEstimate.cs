namespace HipFx.Evaluation.Statistics;

/// <summary>How the interval of a <see cref="KappaEstimate"/> was obtained.</summary>
public enum KappaIntervalMethod
{
    /// <summary>
    /// κ ± z·SE with the large-sample (non-null) variance of Fleiss, Cohen and Everitt (1969),
    /// Psychol Bull 72:323-327, clipped to [−1, 1].
    /// </summary>
    FleissCohenEveritt,

    /// <summary>Percentile interval of κ over subjects (images) resampled with replacement, from a fixed seed.</summary>
    BootstrapPercentile,
}

/// <summary>
/// A chance-corrected agreement κ = (Po − Pe)/(1 − Pe) with its interval.
/// κ is NaN (shown "n/a") when Pe = 1: every rating fell in one category, so agreement beyond chance is undefined.
/// </summary>
/// <param name="Kappa">The estimate.</param>
/// <param name="StandardError">Asymptotic SE (Cohen) or the bootstrap SD (Fleiss); NaN when undefined.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="ObservedAgreement">Po: the observed proportion of agreement.</param>
/// <param name="ExpectedAgreement">Pe: the agreement expected by chance from the marginals.</param>
/// <param name="Subjects">Number of rated subjects (images).</param>
/// <param name="Raters">Number of raters (2 for Cohen's κ).</param>
/// <param name="Method">How the interval was computed.</param>
public readonly record struct KappaEstimate(
    double Kappa,
    double StandardError,
    double Lower,
    double Upper,
    double ObservedAgreement,
    double ExpectedAgreement,
    int Subjects,
    int Raters,
    KappaIntervalMethod Method)
{
    /// <summary>Landis and Koch (1977) wording for κ: poor, slight, fair, moderate, substantial, almost perfect.</summary>
    public string Strength => Kappa switch
    {
        double.NaN => "n/a",
        < 0 => "poor",
        <= 0.20 => "slight",
        <= 0.40 => "fair",
        <= 0.60 => "moderate",
        <= 0.80 => "substantial",
        _ => "almost perfect",
    };
}
