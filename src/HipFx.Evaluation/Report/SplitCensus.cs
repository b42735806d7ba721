using HipFx.Data.Manifests;
using HipFx.Data.Splits;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// The data a run saw: images per split, institution and label, counted from the run's manifest by the same rule
/// <c>hipfx split</c> prints (<see cref="SplitTable"/>), one row per split and institution plus the split's total.
/// </summary>
public static class SplitCensus
{
    public static ResultTable Table(Manifest manifest, string manifestHash)
    {
        var columns = new List<TableColumn> { new("split", "Split"), new("institution", "Institution") };
        columns.AddRange(SplitTable.LabelColumns.Select(l => new TableColumn(l, l)));
        columns.Add(new("images", "Images"));
        columns.Add(new("patients", "Patients"));

        var rows = new List<IReadOnlyList<TableCell>>();
        var whole = SplitTable.From(manifest).Rows.Where(r => r.Split != "total").ToList();
        var institutions = manifest.Rows.Select(r => r.Institution).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var split in whole)
        {
            var parts = split.Institutions.Count > 1 ? split.Institutions : [];
            foreach (string institution in parts)
            {
                var row = SplitTable.From(manifest.WithRows(manifest.Rows.Where(r => r.Institution == institution)))
                    .Rows.Single(r => r.Split == split.Split);
                rows.Add(Row(split.Split, institution, row));
            }
            rows.Add(Row(split.Split, parts.Count > 0 ? "all" : string.Join(" ", split.Institutions), split));
        }
        var total = SplitTable.From(manifest).Rows.Single(r => r.Split == "total");
        rows.Add(Row("total", string.Join(" ", institutions), total));
        var stamp = new RunStamp { ManifestHash = manifestHash, CoordinateConvention = null, HipFxVersion = null };
        return new ResultTable("Images per split, institution and label", columns, rows, stamp,
        [
            "Counted from the run's manifest (one image label per row; unreviewed rows are in Images only). Patients: distinct patient ids.",
        ]);
    }

    private static IReadOnlyList<TableCell> Row(string split, string institution, SplitTableRow row) =>
    [
        TableCell.Label(split), TableCell.Label(institution),
        .. SplitTable.LabelColumns.Select(l => TableCell.Count(row.LabelCounts[l])),
        TableCell.Count(row.Images), TableCell.Count(row.Patients),
    ];
}
