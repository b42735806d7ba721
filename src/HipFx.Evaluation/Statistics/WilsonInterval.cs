namespace HipFx.Evaluation.Statistics;

/// <summary>A proportion k/n with its Wilson score interval (no continuity correction).</summary>
public readonly record struct Proportion(int Successes, int Trials, double Lower, double Upper)
{
    /// <summary>k/n, or NaN when n = 0 (undefined, shown as "n/a").</summary>
    public double Value => Trials == 0 ? double.NaN : (double)Successes / Trials;

    /// <summary>The proportion and its 95% (or other) Wilson interval.</summary>
    public static Proportion Of(int successes, int trials, double z = WilsonInterval.Z95) =>
        WilsonInterval.Compute(successes, trials, z);
}

/// <summary>
/// Wilson score interval for a binomial proportion:
/// centre (p + z²/2n)/(1 + z²/n), half-width z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n).
/// For n = 0 the interval is [0, 1] and the value NaN.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    public static Proportion Compute(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (trials == 0)
        {
            return new Proportion(0, 0, 0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
        return new Proportion(successes, trials, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
