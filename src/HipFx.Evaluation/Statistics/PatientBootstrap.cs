using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using HipFx.Core;

namespace HipFx.Evaluation.Statistics;

/// <summary>Patient-level bootstrap settings. Resamples 0 (the default) turns it off.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of resamples; 0 = no bootstrap. 1,000–2,000 is usual.</summary>
    public int Resamples { get; init; }

    /// <summary>Seed of the Mersenne Twister that draws patients: the same seed gives the same intervals. Default 12345.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Two-sided coverage of the percentile interval. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    public BootstrapOptions Validated()
    {
        OptionRules.NonNegative(Resamples);
        if (!(Confidence is > 0 and < 1))
        {
            throw OptionRules.Fail(nameof(Confidence), $"must be in (0, 1), got {Confidence}");
        }
        return this;
    }
}

/// <summary>A bootstrap percentile interval and how many resamples had the statistic defined.</summary>
public readonly record struct BootstrapInterval(double Lower, double Upper, int ValidResamples);

/// <summary>
/// Patient-level bootstrap: each resample draws as many patients as there are, with replacement, and
/// takes all images of each drawn patient (a patient drawn twice counts twice). Statistics are named
/// values; NaN values (undefined in that resample) are left out. The interval is the percentile
/// interval (quantiles by R's type 7, numpy's default).
/// </summary>
public static class PatientBootstrap
{
    public static IReadOnlyDictionary<string, BootstrapInterval> Run<TItem>(
        IReadOnlyList<TItem> items, Func<TItem, string> patientOf,
        Func<IReadOnlyList<TItem>, IReadOnlyDictionary<string, double>> statistic, BootstrapOptions options)
    {
        options.Validated();
        if (options.Resamples == 0 || items.Count == 0)
        {
            return new Dictionary<string, BootstrapInterval>();
        }
        var patients = items.GroupBy(patientOf, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var rng = new MersenneTwister(options.Seed);
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var resample = new List<TItem>(items.Count);
        for (int r = 0; r < options.Resamples; r++)
        {
            resample.Clear();
            for (int k = 0; k < patients.Count; k++)
            {
                resample.AddRange(patients[rng.Next(patients.Count)]);
            }
            foreach (var (name, value) in statistic(resample))
            {
                if (!samples.TryGetValue(name, out var list))
                {
                    samples[name] = list = [];
                }
                if (!double.IsNaN(value))
                {
                    list.Add(value);
                }
            }
        }
        double alpha = (1 - options.Confidence) / 2;
        return samples.ToDictionary(kv => kv.Key, kv => kv.Value.Count == 0
            ? new BootstrapInterval(double.NaN, double.NaN, 0)
            : new BootstrapInterval(
                kv.Value.QuantileCustom(alpha, QuantileDefinition.R7),
                kv.Value.QuantileCustom(1 - alpha, QuantileDefinition.R7),
                kv.Value.Count));
    }
}
