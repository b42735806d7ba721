using MathNet.Numerics.Random;
using MathStatistics = MathNet.Numerics.Statistics.Statistics;
using HipFx.Core;

namespace HipFx.Evaluation.Statistics;

/// <summary>
/// Fleiss' κ (Fleiss 1971) for m ≥ 2 raters who each rate every subject on nominal categories.
/// With nᵢⱼ the number of raters who put subject i in category j (N subjects):
/// <code>
/// Pᵢ = (Σⱼ nᵢⱼ² − m) / (m(m − 1)),   Po = mean Pᵢ,   pⱼ = Σᵢ nᵢⱼ / (N m),   Pe = Σⱼ pⱼ²,   κ = (Po − Pe)/(1 − Pe).
/// </code>
/// Fleiss' own standard error holds only under κ = 0 (for a test, not an interval), so the interval here is a
/// percentile bootstrap over subjects: <see cref="FleissKappaOptions.BootstrapSamples"/> resamples of the N
/// subjects with replacement, drawn from a Mersenne Twister seeded with <see cref="FleissKappaOptions.Seed"/>
/// (same inputs and seed, same interval); resamples where κ is undefined are skipped. Quantiles: MathNet's
/// default (R type 8). The standard error reported is the SD of the bootstrap κ values.
/// </summary>
public static class FleissKappa
{
    /// <summary>κ and its bootstrap interval from an N × k table of counts (rows: subjects; each row sums to m).</summary>
    public static KappaEstimate Estimate(int[,] counts, FleissKappaOptions? options = null)
    {
        options ??= new FleissKappaOptions();
        options.Validate();
        int subjects = counts.GetLength(0);
        int raters = CheckRaters(counts);
        var (kappa, po, pe) = Point(counts, Enumerable.Range(0, subjects).ToArray());
        if (double.IsNaN(kappa) || options.BootstrapSamples == 0)
        {
            return new KappaEstimate(kappa, double.NaN, double.NaN, double.NaN, po, pe, subjects, raters,
                KappaIntervalMethod.BootstrapPercentile);
        }

        var random = new MersenneTwister(options.Seed);
        var draws = new List<double>(options.BootstrapSamples);
        var pick = new int[subjects];
        for (int b = 0; b < options.BootstrapSamples; b++)
        {
            for (int i = 0; i < subjects; i++)
            {
                pick[i] = random.Next(subjects);
            }
            double k = Point(counts, pick).Kappa;
            if (!double.IsNaN(k))
            {
                draws.Add(k);
            }
        }
        if (draws.Count < 2)
        {
            return new KappaEstimate(kappa, double.NaN, double.NaN, double.NaN, po, pe, subjects, raters,
                KappaIntervalMethod.BootstrapPercentile);
        }
        double alpha = 1 - options.Confidence;
        return new KappaEstimate(
            kappa,
            MathStatistics.StandardDeviation(draws),
            MathStatistics.Quantile(draws, alpha / 2),
            MathStatistics.Quantile(draws, 1 - alpha / 2),
            po, pe, subjects, raters, KappaIntervalMethod.BootstrapPercentile);
    }

    /// <summary>
    /// κ without an interval, from the N × k counts table. <see cref="KappaEstimate.StandardError"/>,
    /// Lower and Upper are NaN.
    /// </summary>
    public static KappaEstimate PointEstimate(int[,] counts) =>
        Estimate(counts, new FleissKappaOptions { BootstrapSamples = 0 });

    /// <summary>The N × k counts table from ratings[rater][subject] given as category indices.</summary>
    public static int[,] CountTable(IReadOnlyList<IReadOnlyList<int>> ratings, int categories)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
        {
            throw new ArgumentException("At least one rater is needed.", nameof(ratings));
        }
        int subjects = ratings[0].Count;
        var counts = new int[subjects, categories];
        foreach (var rater in ratings)
        {
            if (rater.Count != subjects)
            {
                throw new ArgumentException("Every rater must rate the same subjects.", nameof(ratings));
            }
            for (int s = 0; s < subjects; s++)
            {
                int c = rater[s];
                if (c < 0 || c >= categories)
                {
                    throw new ArgumentOutOfRangeException(nameof(ratings), c, $"A category must lie in [0, {categories}).");
                }
                counts[s, c]++;
            }
        }
        return counts;
    }

    private static int CheckRaters(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int subjects = counts.GetLength(0), k = counts.GetLength(1);
        int raters = -1;
        for (int i = 0; i < subjects; i++)
        {
            int m = 0;
            for (int j = 0; j < k; j++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(counts[i, j], nameof(counts));
                m += counts[i, j];
            }
            if (raters >= 0 && m != raters)
            {
                throw new ArgumentException(
                    $"Every subject needs the same number of ratings: subject 0 has {raters}, subject {i} has {m}.", nameof(counts));
            }
            raters = m;
        }
        if (subjects == 0 || raters < 2)
        {
            throw new ArgumentException(
                $"Fleiss' κ needs at least one subject and two raters; got {subjects} subjects, {Math.Max(raters, 0)} raters.",
                nameof(counts));
        }
        return raters;
    }

    /// <summary>κ, Po, Pe over the subjects listed in <paramref name="pick"/> (repeats allowed).</summary>
    private static (double Kappa, double Po, double Pe) Point(int[,] counts, int[] pick)
    {
        int k = counts.GetLength(1);
        int m = 0;
        for (int j = 0; j < k; j++)
        {
            m += counts[0, j];
        }
        var totals = new double[k];
        double sumP = 0;
        foreach (int i in pick)
        {
            double squares = 0;
            for (int j = 0; j < k; j++)
            {
                int c = counts[i, j];
                squares += (double)c * c;
                totals[j] += c;
            }
            sumP += (squares - m) / ((double)m * (m - 1));
        }
        double po = sumP / pick.Length;
        double pe = 0;
        foreach (double t in totals)
        {
            double pj = t / ((double)pick.Length * m);
            pe += pj * pj;
        }
        double kappa = pe >= 1 - 1e-15 ? double.NaN : (po - pe) / (1 - pe);
        return (kappa, po, pe);
    }
}

/// <summary>Settings of the bootstrap interval of <see cref="FleissKappa"/>.</summary>
public sealed record FleissKappaOptions
{
    /// <summary>Number of bootstrap resamples of the subjects; 0 skips the interval. Default 2,000.</summary>
    public int BootstrapSamples { get; init; } = 2000;

    /// <summary>Seed of the resampling generator. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Two-sided coverage of the interval. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    internal void Validate()
    {
        OptionRules.NonNegative(BootstrapSamples);
        if (!(Confidence is > 0 and < 1))
        {
            throw OptionRules.Fail(nameof(Confidence), $"must lie in (0, 1), got {Confidence}");
        }
    }
}
