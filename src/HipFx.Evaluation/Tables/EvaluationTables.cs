using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using static HipFx.Evaluation.Pipeline.DetectionEvaluation;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// The paper's tables, built from one <see cref="EvalResult"/>: Table II (class × accuracy, sensitivity,
/// specificity, IoU, Dice), Table III (Se/Sp per class, micro and macro rows), detection AP and the
/// confusion matrix. Every row carries its counts.
/// </summary>
public static class EvaluationTables
{
    private const string ProportionNote =
        "Proportions: value [95% Wilson interval] (numerator/denominator); n/a when the denominator is 0.";

    private const string BootstrapNote =
        "†: {0}% patient-level bootstrap percentile interval ({1} resamples, seed {2}) in place of the Wilson interval.";

    public static ResultTable TableII(EvalResult r, RunStamp stamp)
    {
        var columns = new List<TableColumn>
        {
            new("class", "Fracture type"), new("tp", "TP"), new("fp", "FP"), new("fn", "FN"), new("tn", "TN"),
            new("accuracy", "Accuracy"), new("sensitivity", "Sensitivity"), new("specificity", "Specificity"),
            new("iou", "IoU"), new("dice", "Dice"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var c in ClassNames.FractureClasses)
        {
            var k = r.Classification[c];
            var o = r.Overlap[c];
            rows.Add([TableCell.Label(c.Name()), .. Counts(k), TableCell.Of(k.Accuracy), TableCell.Of(k.Sensitivity),
                TableCell.Of(k.Specificity), Mean(o.MeanIoU, o), Mean(o.MeanDice, o)]);
        }
        var micro = r.Classification.Micro;
        var mo = r.Overlap.Micro;
        rows.Add([TableCell.Label("Micro AVG"), .. Counts(micro),
            TableCell.Of(micro.Accuracy, bootstrap: r.Interval(Stat.MicroAccuracy)),
            TableCell.Of(micro.Sensitivity, bootstrap: r.Interval(Stat.MicroSensitivity)),
            TableCell.Of(micro.Specificity, bootstrap: r.Interval(Stat.MicroSpecificity)),
            Mean(mo.MeanIoU, mo), Mean(mo.MeanDice, mo)]);
        rows.Add([TableCell.Label("Macro AVG"), Blank(), Blank(), Blank(), Blank(),
            Macro(r.Classification.MacroAccuracy, r.Interval(Stat.MacroAccuracy)),
            Macro(r.Classification.MacroSensitivity, r.Interval(Stat.MacroSensitivity)),
            Macro(r.Classification.MacroSpecificity, r.Interval(Stat.MacroSpecificity)),
            Macro(r.Overlap.MacroIoU, null), Macro(r.Overlap.MacroDice, null)]);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{r.Outcomes.Count} images. One-vs-rest per fracture class over the image-level decision (no_fracture is an outcome). Accuracy (TP+TN)/N, sensitivity TP/(TP+FN), specificity TN/(TN+FP)."),
            ProportionNote,
            string.Create(CultureInfo.InvariantCulture, $"IoU, Dice: mean over ground-truth boxes found by a same-class box with score ≥ τ and IoU ≥ {r.Options.OverlapMinIoU:0.##}; (n=found/all boxes)."),
            "Micro AVG: counts pooled over the four classes (IoU/Dice: all boxes pooled). Macro AVG: unweighted mean of the per-class values, over the classes where defined (n=classes).",
        };
        AddBootstrapNote(r, notes);
        return new ResultTable("Table II. Hip fracture classification and localisation", columns, rows, stamp, notes);
    }

    public static ResultTable TableIII(EvalResult r, RunStamp stamp)
    {
        var columns = new List<TableColumn> { new("class", "Fracture type"), new("sensitivity", "Model-Se"), new("specificity", "Model-Sp") };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var c in ClassNames.FractureClasses)
        {
            var k = r.Classification[c];
            rows.Add([TableCell.Label(c.Name()), TableCell.Of(k.Sensitivity), TableCell.Of(k.Specificity)]);
        }
        var micro = r.Classification.Micro;
        rows.Add([TableCell.Label("Micro AVG"),
            TableCell.Of(micro.Sensitivity, bootstrap: r.Interval(Stat.MicroSensitivity)),
            TableCell.Of(micro.Specificity, bootstrap: r.Interval(Stat.MicroSpecificity))]);
        rows.Add([TableCell.Label("Macro AVG"),
            Macro(r.Classification.MacroSensitivity, r.Interval(Stat.MacroSensitivity)),
            Macro(r.Classification.MacroSpecificity, r.Interval(Stat.MacroSpecificity))]);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{r.Outcomes.Count} images; the model as one reader. Se, sensitivity; Sp, specificity."),
            ProportionNote,
            "Micro AVG: pooled TP/FN/TN/FP over the four classes. Macro AVG: unweighted mean of the per-class values (n=classes where defined).",
        };
        AddBootstrapNote(r, notes);
        return new ResultTable("Table III. Sensitivity and specificity per fracture type", columns, rows, stamp, notes);
    }

    public static ResultTable DetectionAp(EvalResult r, RunStamp stamp)
    {
        var columns = new List<TableColumn>
        {
            new("class", "Fracture type"), new("gt_boxes", "GT boxes"), new("detections", "Detections (≤100/image)"),
            new("ap50", "AP@0.5"), new("ap50_95", "AP@[0.5:0.95]"), new("recall50", "Max recall@0.5"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var ap in r.Coco.PerClass)
        {
            rows.Add([TableCell.Label(ap.Class.Name()), TableCell.Count(ap.GroundTruthBoxes), TableCell.Count(ap.Detections),
                TableCell.Number(ap.Ap50, 3), TableCell.Number(ap.Ap5095, 3), TableCell.Number(ap.MaxRecallAt50, 3)]);
        }
        rows.Add([TableCell.Label("Mean (mAP)"),
            TableCell.Count(r.Coco.PerClass.Sum(p => p.GroundTruthBoxes)), TableCell.Count(r.Coco.PerClass.Sum(p => p.Detections)),
            TableCell.Number(r.Coco.MeanAp50.Value, r.Interval(Stat.MeanAp50), 3, r.Coco.MeanAp50.Classes),
            TableCell.Number(r.Coco.MeanAp5095.Value, r.Interval(Stat.MeanAp5095), 3, r.Coco.MeanAp5095.Classes),
            Blank()]);
        var notes = new List<string>
        {
            "COCO-style box AP as pycocotools computes it (101-point interpolation, maxDets 100, area all, no crowd boxes); all detections count, whatever τ.",
            "n/a: the class has no ground-truth box (pycocotools' −1); left out of the mean. Mean row: (n=classes averaged).",
            "Detections: those AP is computed on, after COCO's cut to the 100 highest-scoring detections per image (maxDets).",
        };
        AddBootstrapNote(r, notes);
        return new ResultTable("Detection average precision", columns, rows, stamp, notes);
    }

    public static ResultTable Confusion(EvalResult r, RunStamp stamp)
    {
        var columns = new List<TableColumn> { new("truth", "Truth \\ decision") };
        columns.AddRange(ClassNames.ImageLabels.Select(l => new TableColumn(l.Name(), l.PaperName())));
        columns.Add(new TableColumn("total", "Total"));
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var t in ClassNames.ImageLabels)
        {
            rows.Add([TableCell.Label(t.Name()), .. ClassNames.ImageLabels.Select(d => TableCell.Count(r.Matrix[t, d])),
                TableCell.Count(r.Matrix.RowTotal(t))]);
        }
        var notes = new List<string> { "Rows: truth; columns: image-level decision. DF, VF, SF, UF, No as in the paper." };
        return new ResultTable("Confusion matrix (image labels)", columns, rows, stamp, notes);
    }

    private static IEnumerable<TableCell> Counts(BinaryCounts k) =>
        [TableCell.Count(k.TP), TableCell.Count(k.FP), TableCell.Count(k.FN), TableCell.Count(k.TN)];

    /// <summary>An IoU/Dice mean: numerator = boxes found (the mean's count), n = all ground-truth boxes of the row.</summary>
    private static TableCell Mean(double value, OverlapStats o) =>
        TableCell.Number(value, 2) with
        {
            Numerator = o.Found,
            Denominator = o.GroundTruthBoxes,
            Text = (double.IsNaN(value) ? TableCell.NotAvailable : value.ToString("F2", CultureInfo.InvariantCulture))
                + string.Create(CultureInfo.InvariantCulture, $" (n={o.Found}/{o.GroundTruthBoxes})"),
        };

    private static TableCell Macro(MacroValue m, Statistics.BootstrapInterval? b) => TableCell.Number(m.Value, b, 2, m.Classes);

    private static TableCell Blank() => TableCell.Label("");

    private static void AddBootstrapNote(EvalResult r, List<string> notes)
    {
        var b = r.Options.Bootstrap;
        if (b.Resamples > 0)
        {
            notes.Add(string.Format(CultureInfo.InvariantCulture, BootstrapNote, b.Confidence * 100, b.Resamples, b.Seed));
        }
    }
}
