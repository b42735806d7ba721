using MathNet.Numerics.Distributions;

namespace HipFx.Evaluation.Statistics;

/// <summary>
/// Paired binary outcomes of the same subjects under two conditions, as McNemar's 2 × 2 table:
/// <code>
///                    second correct   second wrong
///   first correct        BothCorrect      FirstOnly   (b)
///   first wrong  (c)     SecondOnly       BothWrong
/// </code>
/// </summary>
public readonly record struct PairedOutcomes(int BothCorrect, int FirstOnly, int SecondOnly, int BothWrong)
{
    public int Total => BothCorrect + FirstOnly + SecondOnly + BothWrong;

    /// <summary>Proportion correct under the first condition, with its Wilson interval.</summary>
    public Proportion First => Proportion.Of(BothCorrect + FirstOnly, Total);

    /// <summary>Proportion correct under the second condition, with its Wilson interval.</summary>
    public Proportion Second => Proportion.Of(BothCorrect + SecondOnly, Total);

    /// <summary>Second minus first proportion correct: (c − b)/N; NaN when there are no subjects.</summary>
    public double Change => Total == 0 ? double.NaN : (SecondOnly - FirstOnly) / (double)Total;

    /// <summary>The exact McNemar test on the discordant pairs.</summary>
    public McNemarResult McNemar => ExactMcNemar.Test(FirstOnly, SecondOnly);

    /// <summary>Tallies the table from per-subject correctness under each condition.</summary>
    public static PairedOutcomes From(IReadOnlyList<bool> firstCorrect, IReadOnlyList<bool> secondCorrect)
    {
        if (firstCorrect.Count != secondCorrect.Count)
        {
            throw new ArgumentException(
                $"Paired outcomes need the same subjects: {firstCorrect.Count} first, {secondCorrect.Count} second.",
                nameof(secondCorrect));
        }
        int a = 0, b = 0, c = 0, d = 0;
        for (int i = 0; i < firstCorrect.Count; i++)
        {
            switch (firstCorrect[i], secondCorrect[i])
            {
                case (true, true): a++; break;
                case (true, false): b++; break;
                case (false, true): c++; break;
                default: d++; break;
            }
        }
        return new PairedOutcomes(a, b, c, d);
    }
}

/// <summary>The outcome of an exact McNemar test: discordant counts b and c and the two-sided p-value.</summary>
public readonly record struct McNemarResult(int B, int C, double PValue)
{
    public int Discordant => B + C;
}

/// <summary>
/// Exact (binomial) McNemar test: under H0 each of the n = b + c discordant pairs falls either way with
/// probability ½, so min(b, c) ~ Binomial(n, ½). Two-sided p = min(1, 2·P(X ≤ min(b, c))); with no
/// discordant pairs p = 1. Binomial CDF from MathNet.Numerics.
/// </summary>
public static class ExactMcNemar
{
    public static McNemarResult Test(int b, int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        int n = b + c;
        if (n == 0)
        {
            return new McNemarResult(b, c, 1.0);
        }
        double tail = Binomial.CDF(0.5, n, Math.Min(b, c));
        return new McNemarResult(b, c, Math.Min(1.0, 2 * tail));
    }
}
