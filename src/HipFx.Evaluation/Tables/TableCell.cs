using System.Globalization;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// One cell: the text people read, plus the numbers behind it for CSV/JSON readers. A proportion keeps
/// its counts and interval, a mean keeps the number of items behind it, so a table can be recomputed.
/// </summary>
public sealed record TableCell
{
    /// <summary>What Markdown and the terminal show.</summary>
    public required string Text { get; init; }

    /// <summary>The number, when the cell holds one; null for text and undefined values.</summary>
    public double? Value { get; init; }

    /// <summary>Lower end of the interval, when there is one.</summary>
    public double? Lower { get; init; }

    /// <summary>Upper end of the interval, when there is one.</summary>
    public double? Upper { get; init; }

    /// <summary>Numerator of a proportion (e.g. TP for sensitivity).</summary>
    public int? Numerator { get; init; }

    /// <summary>Denominator of a proportion (e.g. TP+FN), or the number of items behind a mean.</summary>
    public int? Denominator { get; init; }

    /// <summary>The text shown for an undefined value (0/0, AP of a class with no ground truth).</summary>
    public const string NotAvailable = "n/a";

    /// <summary>A text-only cell (row labels, names).</summary>
    public static TableCell Label(string text) => new() { Text = text };

    /// <summary>
    /// A proportion k/n with its Wilson interval: "0.80 [0.49, 0.94] (8/10)", or "n/a (0/0)". A bootstrap
    /// interval, when given, replaces the Wilson one and is marked with "†".
    /// </summary>
    public static TableCell Of(Proportion p, int digits = 2, BootstrapInterval? bootstrap = null)
    {
        string f = "F" + digits.ToString(CultureInfo.InvariantCulture);
        double lower = bootstrap?.Lower ?? p.Lower, upper = bootstrap?.Upper ?? p.Upper;
        string mark = bootstrap is null ? "" : "†";
        string text = p.Trials == 0
            ? $"{NotAvailable} (0/0)"
            : string.Create(CultureInfo.InvariantCulture, $"{p.Value.ToString(f, CultureInfo.InvariantCulture)} [{lower.ToString(f, CultureInfo.InvariantCulture)}, {upper.ToString(f, CultureInfo.InvariantCulture)}]{mark} ({p.Successes}/{p.Trials})");
        return new TableCell
        {
            Text = text,
            Value = p.Trials == 0 ? null : p.Value,
            Lower = p.Trials == 0 ? null : lower,
            Upper = p.Trials == 0 ? null : upper,
            Numerator = p.Successes,
            Denominator = p.Trials,
        };
    }

    /// <summary>
    /// A number, NaN meaning undefined ("n/a"); <paramref name="count"/> is how many items stand behind
    /// it (shown as "(n=…)"), an optional interval is shown in brackets, followed by <paramref name="mark"/>.
    /// </summary>
    public static TableCell Number(double value, int digits = 2, int? count = null, double? lower = null, double? upper = null, string mark = "")
    {
        string f = "F" + digits.ToString(CultureInfo.InvariantCulture);
        bool defined = !double.IsNaN(value);
        string text = defined ? value.ToString(f, CultureInfo.InvariantCulture) : NotAvailable;
        if (defined && lower is { } lo && upper is { } hi && !double.IsNaN(lo) && !double.IsNaN(hi))
        {
            text += $" [{lo.ToString(f, CultureInfo.InvariantCulture)}, {hi.ToString(f, CultureInfo.InvariantCulture)}]{mark}";
        }
        if (count is { } n)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (n={n})");
        }
        return new TableCell
        {
            Text = text,
            Value = defined ? value : null,
            Lower = defined && lower is { } l && !double.IsNaN(l) ? l : null,
            Upper = defined && upper is { } u && !double.IsNaN(u) ? u : null,
            Denominator = count,
        };
    }

    /// <summary>A number with a bootstrap interval (marked "†") when there is one.</summary>
    public static TableCell Number(double value, BootstrapInterval? bootstrap, int digits = 2, int? count = null) =>
        bootstrap is { } b ? Number(value, digits, count, b.Lower, b.Upper, "†") : Number(value, digits, count);

    /// <summary>An integer count.</summary>
    public static TableCell Count(int value) =>
        new() { Text = value.ToString(CultureInfo.InvariantCulture), Value = value };
}
