using System.Globalization;
using System.Text;
using HipFx.Core;
using HipFx.Data.Manifests;

namespace HipFx.Data.Splits;

/// <summary>One row of the split table: a split (or the total) with image counts per label, patients and institutions.</summary>
public sealed record SplitTableRow(
    string Split,
    IReadOnlyDictionary<string, int> LabelCounts,
    int Unreviewed,
    int Images,
    int Patients,
    IReadOnlyList<string> Institutions);

/// <summary>
/// Split × class counts, patients and institutions: the table <c>hipfx split</c> prints and writes (Markdown, CSV),
/// one row per split present plus a total.
/// </summary>
public sealed class SplitTable
{
    private SplitTable(IReadOnlyList<SplitTableRow> rows) => Rows = rows;

    public IReadOnlyList<SplitTableRow> Rows { get; }

    /// <summary>Column names of the label counts, in id order (<c>displaced_fnf</c> ... <c>no_fracture</c>).</summary>
    public static IReadOnlyList<string> LabelColumns { get; } = ClassNames.ImageLabels.Select(l => l.Name()).ToList();

    public static SplitTable From(Manifest manifest)
    {
        var rows = new List<SplitTableRow>();
        foreach (var group in manifest.Rows.GroupBy(r => r.Split).OrderBy(g => g.Key is null ? 99 : (int)g.Key.Value))
        {
            rows.Add(Row(group.Key?.Name() ?? "(none)", group.ToList()));
        }
        rows.Add(Row("total", manifest.Rows));
        return new SplitTable(rows);
    }

    private static SplitTableRow Row(string name, IReadOnlyList<ManifestRow> rows) => new(
        name,
        ClassNames.ImageLabels.ToDictionary(l => l.Name(), l => rows.Count(r => r.Label == l)),
        rows.Count(r => r.Label is null),
        rows.Count,
        rows.Select(r => r.PatientId).Distinct(StringComparer.Ordinal).Count(),
        rows.Select(r => r.Institution).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    /// <summary>Column headers, shared by Markdown and CSV.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["split", .. LabelColumns, "unreviewed", "images", "patients", "institutions"];

    /// <summary>The cells of a row as text, in <see cref="Headers"/> order.</summary>
    public static IReadOnlyList<string> Cells(SplitTableRow row) =>
    [
        row.Split,
        .. LabelColumns.Select(c => row.LabelCounts[c].ToString(CultureInfo.InvariantCulture)),
        row.Unreviewed.ToString(CultureInfo.InvariantCulture),
        row.Images.ToString(CultureInfo.InvariantCulture),
        row.Patients.ToString(CultureInfo.InvariantCulture),
        string.Join(" ", row.Institutions),
    ];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n");
        text.Append('|').Append(string.Concat(Headers.Select((_, i) => i == 0 || i == Headers.Count - 1 ? "---|" : "---:|"))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| ").Append(string.Join(" | ", Cells(row))).Append(" |\n");
        }
        return text.ToString();
    }

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", Headers)).Append('\n');
        foreach (var row in Rows)
        {
            text.Append(string.Join(",", Cells(row).Select(Quote))).Append('\n');
        }
        return text.ToString();

        static string Quote(string cell) =>
            cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
