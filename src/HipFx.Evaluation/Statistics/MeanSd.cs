namespace HipFx.Evaluation.Statistics;

/// <summary>
/// Mean and sample standard deviation (n − 1 denominator, as the paper's "0.83 (SD 0.05)" across three
/// readers implies) of a few values. Any NaN value makes both NaN; SD is NaN for fewer than two values.
/// </summary>
public readonly record struct MeanSd(double Mean, double Sd, int Count)
{
    public static MeanSd Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0 || values.Any(double.IsNaN))
        {
            return new MeanSd(double.NaN, double.NaN, n);
        }
        double mean = values.Average();
        if (n < 2)
        {
            return new MeanSd(mean, double.NaN, n);
        }
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return new MeanSd(mean, Math.Sqrt(ss / (n - 1)), n);
    }
}
