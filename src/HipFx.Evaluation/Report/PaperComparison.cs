using System.Globalization;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Puts the paper's published numbers (<see cref="PaperResults"/>) beside a run's table when the table uses the paper's
/// setting: Table II on the internal test split, Table III on the external split, the default decision rule (no
/// valgus priority) and, for IoU/Dice, a box found at IoU ≥ 0.5. Otherwise the columns are left out and the note says why.
/// </summary>
public static class PaperComparison
{
    private const string Source = "Published in " + PaperResults.Citation;

    /// <summary>Paper columns for eval's Table II (accuracy, Se, Sp, IoU, Dice per class).</summary>
    public static TableBlock WithTableII(TableBlock block)
    {
        string? mismatch = Mismatch(block.Table.Stamp, "test", checkOverlap: true);
        if (mismatch is not null)
        {
            return block with { PaperNote = $"The paper's Table II is not shown beside this table: {mismatch}." };
        }
        var rows = block.Table.Rows.Select(r => PaperResults.ClassOf(r[0].Text) is { } c ? PaperResults.TableII[c] : null).ToList();
        return block with
        {
            Paper =
            [
                new("paper_accuracy", "Paper acc.", "accuracy", rows.Select(r => r?.Accuracy).ToList()),
                new("paper_sensitivity", "Paper Se", "sensitivity", rows.Select(r => r?.Sensitivity).ToList()),
                new("paper_specificity", "Paper Sp", "specificity", rows.Select(r => r?.Specificity).ToList()),
                new("paper_iou", "Paper IoU", "iou", rows.Select(r => r?.IoU).ToList()),
                new("paper_dice", "Paper Dice", "dice", rows.Select(r => r?.Dice).ToList()),
            ],
            PaperNote = $"Paper columns (shaded): {Source}, Table II (the model on the paper's internal test set, 494 images; no counts or intervals published). "
                + "This run uses the same setting (internal test split, default decision rule, IoU ≥ 0.5), not the same data.",
        };
    }

    /// <summary>
    /// The paper's AVG-Se and AVG-Sp of Table III (the mean over its three surgeons, which its abstract reports as the
    /// external result) beside an external Se/Sp table: the model's (eval) or the readers' of one phase.
    /// </summary>
    public static TableBlock WithTableIIIAverage(TableBlock block, bool decisionRule)
    {
        // The model's table has sensitivity/specificity columns; a phase of the reader study has avg_se/avg_sp.
        bool readers = block.Table.Columns.Any(c => c.Key == "avg_se");
        string? mismatch = Mismatch(block.Table.Stamp, "external", checkOverlap: false, decisionRule);
        if (mismatch is not null)
        {
            return block with { PaperNote = $"The paper's Table III is not shown beside this table: {mismatch}." };
        }
        var rows = block.Table.Rows
            .Select(r => PaperResults.RowKey(r[0].Text) is { } key ? PaperResults.TableIII[key][PaperResults.AverageReader] : null)
            .ToList();
        return block with
        {
            Paper =
            [
                new("paper_avg_se", "Paper AVG-Se", readers ? "avg_se" : "sensitivity", rows.Select(r => r?.Sensitivity).ToList()),
                new("paper_avg_sp", "Paper AVG-Sp", readers ? "avg_sp" : "specificity", rows.Select(r => r?.Specificity).ToList()),
            ],
            PaperNote = $"Paper columns (shaded): {Source}, Table III, AVG over its surgeons A–C on its external set (341 images read; the paper does not say "
                + "which phase; its abstract gives these as the external result). Its Macro AVG is not the mean of its four classes; compare that row with care.",
        };
    }

    /// <summary>The paper's whole Table III (readers A, B, C and AVG), as a table of its own.</summary>
    public static ResultTable PublishedTableIII()
    {
        var columns = new List<TableColumn> { new("class", "Fracture type") };
        foreach (string reader in PaperResults.TableIIIReaders)
        {
            string key = reader.ToLowerInvariant();
            columns.Add(new($"{key}_se", $"{reader}-Se"));
            columns.Add(new($"{key}_sp", $"{reader}-Sp"));
        }
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var (row, readers) in PaperResults.TableIII)
        {
            var cells = new List<TableCell> { TableCell.Label(row) };
            foreach (string reader in PaperResults.TableIIIReaders)
            {
                cells.Add(Published(readers[reader].Sensitivity));
                cells.Add(Published(readers[reader].Specificity));
            }
            rows.Add(cells);
        }
        var stamp = new RunStamp { Model = PaperResults.Citation, Split = "external", CoordinateConvention = null, HipFxVersion = null };
        return new ResultTable("The paper's Table III (published, external set)", columns, rows, stamp,
        [
            "A, B and C are three orthopaedic surgeons; AVG is their mean. Values as printed; the paper gives no counts or intervals.",
        ]);
    }

    /// <summary>A paper value as printed: two decimals.</summary>
    public static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static TableCell Published(double value) => TableCell.Number(value) with { Text = Format(value) };

    /// <summary>Why a table's stamp is not the paper's setting; null when it is.</summary>
    private static string? Mismatch(RunStamp stamp, string split, bool checkOverlap, bool decisionRule = true)
    {
        if (!string.Equals(stamp.Split, split, StringComparison.OrdinalIgnoreCase))
        {
            return $"it is on the '{stamp.Split ?? "unknown"}' split, the paper's is the {split} set";
        }
        string? Extra(string key) => stamp.Extra.FirstOrDefault(e => e.Key == key).Value;
        if (decisionRule && Extra("valgus_priority") is { } valgus && valgus != "off")
        {
            return $"this run used the valgus-priority rule ({valgus}); the paper did not";
        }
        if (checkOverlap && Extra("overlap_min_iou") is { } iou
            && double.TryParse(iou, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && t != 0.5)
        {
            return $"boxes count as found at IoU ≥ {iou} here, at 0.5 in the paper's setting";
        }
        return null;
    }
}
