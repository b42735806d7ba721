namespace HipFx.Evaluation.Statistics;

/// <summary>
/// Cohen's κ for two ratings of the same subjects on nominal categories (unweighted), with the
/// large-sample interval of Fleiss, Cohen and Everitt (1969):
/// <code>
/// Var(κ) = [ Σᵢ pᵢᵢ (1 − (pᵢ. + p.ᵢ)(1 − κ))²  +  (1 − κ)² Σᵢ≠ⱼ pᵢⱼ (p.ᵢ + pⱼ.)²  −  (κ − Pe(1 − κ))² ] / (n (1 − Pe)²)
/// </code>
/// where pᵢⱼ is the proportion of subjects rated i first and j second, pᵢ. and p.ⱼ the marginals.
/// The interval is κ ± z·√Var, clipped to [−1, 1]. Perfect agreement (with at least two categories used)
/// gives κ = 1 with a zero-width interval.
/// </summary>
public static class CohenKappa
{
    /// <summary>κ from paired ratings given as category indices in [0, <paramref name="categories"/>).</summary>
    public static KappaEstimate FromRatings(
        IReadOnlyList<int> first, IReadOnlyList<int> second, int categories, double z = WilsonInterval.Z95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException(
                $"Both ratings must cover the same subjects: {first.Count} first ratings, {second.Count} second.", nameof(second));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(categories, 1);
        var table = new int[categories, categories];
        for (int s = 0; s < first.Count; s++)
        {
            CheckCategory(first[s], categories, nameof(first));
            CheckCategory(second[s], categories, nameof(second));
            table[first[s], second[s]]++;
        }
        return FromTable(table, z);
    }

    /// <summary>κ from a k × k table of counts: rows the first rating, columns the second.</summary>
    public static KappaEstimate FromTable(int[,] table, double z = WilsonInterval.Z95)
    {
        ArgumentNullException.ThrowIfNull(table);
        int k = table.GetLength(0);
        if (table.GetLength(1) != k)
        {
            throw new ArgumentException($"The table must be square, got {k} × {table.GetLength(1)}.", nameof(table));
        }
        long n = 0;
        foreach (int count in table)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(table));
            n += count;
        }
        if (n == 0)
        {
            return new KappaEstimate(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 2,
                KappaIntervalMethod.FleissCohenEveritt);
        }

        var p = new double[k, k];
        var row = new double[k];
        var col = new double[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                p[i, j] = table[i, j] / (double)n;
                row[i] += p[i, j];
                col[j] += p[i, j];
            }
        }
        double po = 0, pe = 0;
        for (int i = 0; i < k; i++)
        {
            po += p[i, i];
            pe += row[i] * col[i];
        }
        if (pe >= 1 - 1e-15)
        {
            return new KappaEstimate(double.NaN, double.NaN, double.NaN, double.NaN, po, pe, (int)n, 2,
                KappaIntervalMethod.FleissCohenEveritt);
        }

        double kappa = (po - pe) / (1 - pe);
        double a = 0, b = 0;
        for (int i = 0; i < k; i++)
        {
            double t = 1 - (row[i] + col[i]) * (1 - kappa);
            a += p[i, i] * t * t;
            for (int j = 0; j < k; j++)
            {
                if (i != j)
                {
                    double m = col[i] + row[j];
                    b += p[i, j] * m * m;
                }
            }
        }
        b *= (1 - kappa) * (1 - kappa);
        double c = kappa - pe * (1 - kappa);
        double variance = Math.Max(0, (a + b - c * c) / (n * (1 - pe) * (1 - pe)));
        double se = Math.Sqrt(variance);
        return new KappaEstimate(kappa, se, Math.Max(-1, kappa - z * se), Math.Min(1, kappa + z * se), po, pe, (int)n, 2,
            KappaIntervalMethod.FleissCohenEveritt);
    }

    private static void CheckCategory(int value, int categories, string name)
    {
        if (value < 0 || value >= categories)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A category must lie in [0, {categories}).");
        }
    }
}
