using System.Globalization;
using System.Runtime.CompilerServices;

namespace HipFx.Core;

/// <summary>
/// The one convention for validating options records: each record's <c>Validated()</c> checks its values with these
/// and returns itself; a bad value throws <see cref="HipFxConfigException.ForKey"/> naming the property (the caller
/// expression, e.g. <c>MaxPixels</c>), which the CLI renames to its option. Non-finite numbers (NaN, ±∞, what
/// <c>1e309</c> parses to) are always out of range.
/// </summary>
public static class OptionRules
{
    /// <summary>A value in [0, 1]: thresholds, probabilities, IoUs.</summary>
    public static double Fraction(double value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        InRange(value, 0, 1, key);

    /// <summary>A finite value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string key = "")
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw Fail(key, $"must be in [{Num(min)}, {Num(max)}], got {Num(value)}");
        }
        return value;
    }

    /// <summary>A finite value &gt; 0.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string key = "")
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw Fail(key, $"must be a positive number, got {Num(value)}");
        }
        return value;
    }

    /// <summary>A finite value ≥ 0.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string key = "")
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Fail(key, $"must be a number ≥ 0, got {Num(value)}");
        }
        return value;
    }

    /// <summary>An integer ≥ 1.</summary>
    public static long Positive(long value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        AtLeast(value, 1, key);

    /// <summary>An integer ≥ 1.</summary>
    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        (int)AtLeast(value, 1, key);

    /// <summary>An integer ≥ 0.</summary>
    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        (int)AtLeast(value, 0, key);

    /// <summary>An integer ≥ <paramref name="min"/>.</summary>
    public static long AtLeast(long value, long min, [CallerArgumentExpression(nameof(value))] string key = "")
    {
        if (value < min)
        {
            throw Fail(key, $"must be ≥ {min.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}");
        }
        return value;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string key = "")
    {
        if (value < min || value > max)
        {
            throw Fail(key, string.Create(CultureInfo.InvariantCulture, $"must be in [{min}, {max}], got {value}"));
        }
        return value;
    }

    /// <summary>A bad value for <paramref name="key"/>: <paramref name="problem"/> says what was expected and what came.</summary>
    public static HipFxConfigException Fail(string key, string problem) => HipFxConfigException.ForKey(Key(key), problem);

    /// <summary>The property name of a caller expression: <c>this.Options.MaxPixels</c> → <c>MaxPixels</c>.</summary>
    private static string Key(string expression)
    {
        int dot = expression.LastIndexOf('.');
        return dot >= 0 ? expression[(dot + 1)..] : expression;
    }

    private static string Num(double v) => v switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ => v.ToString("R", CultureInfo.InvariantCulture),
    };
}
