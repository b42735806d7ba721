using HipFx.Core;

namespace HipFx.Data.Splits;

/// <summary>Settings of <see cref="PatientSplitter"/>. Defaults: the paper's 80/10/10, seed 0, no external institution.</summary>
public sealed record SplitOptions
{
    /// <summary>Share of internal images for training. Default 0.8.</summary>
    public double Train { get; init; } = 0.8;

    /// <summary>Share of internal images for validation. Default 0.1.</summary>
    public double Val { get; init; } = 0.1;

    /// <summary>Share of internal images for the internal test. Default 0.1.</summary>
    public double Test { get; init; } = 0.1;

    /// <summary>Random seed; the same seed and manifest always give the same split, whatever the row order. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Institutions kept whole as the <c>external</c> split (exact names, compared case-insensitively).</summary>
    public IReadOnlyList<string> ExternalInstitutions { get; init; } = [];

    /// <summary>Throws <see cref="HipFxConfigException"/> when the fractions are not ≥ 0 summing to 1 with a positive train share.</summary>
    public SplitOptions Validate()
    {
        double[] shares = [Train, Val, Test];
        if (shares.Any(s => !(s >= 0)) || Train <= 0 || Math.Abs(shares.Sum() - 1) > 1e-6)
        {
            throw new HipFxConfigException(FormattableString.Invariant(
                $"split fractions must be >= 0, train > 0, and sum to 1; found train {Train}, val {Val}, test {Test} (e.g. 0.8,0.1,0.1)"));
        }
        return this;
    }

    /// <summary>True when <paramref name="institution"/> is one of <see cref="ExternalInstitutions"/>.</summary>
    public bool IsExternal(string institution) =>
        ExternalInstitutions.Any(e => string.Equals(e.Trim(), institution.Trim(), StringComparison.OrdinalIgnoreCase));
}
