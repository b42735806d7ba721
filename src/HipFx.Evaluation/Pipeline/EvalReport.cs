using System.Text;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Plots;
using HipFx.Evaluation.Tables;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Pipeline;

/// <summary>The files one evaluation wrote, by kind.</summary>
public sealed record EvalReportFiles(
    IReadOnlyList<ResultTable> Tables, IReadOnlyList<string> TableFiles, string Audit, string GroundTruth,
    string Detections, IReadOnlyList<string> Pictures, string Report)
{
    public IEnumerable<string> All => TableFiles.Concat([Audit, GroundTruth, Detections, Report]).Concat(Pictures);
}

/// <summary>
/// Writes an evaluation into a folder: Table II, Table III, detection AP and the confusion matrix as
/// Markdown/CSV/JSON; <c>audit.csv</c>; <c>ground_truth.json</c> and <c>detections.json</c> (COCO);
/// <c>confusion_matrix.png</c>, <c>pr_curves.png</c> and the false-positive/false-negative galleries;
/// and <c>report.md</c>, all of it on one page.
/// </summary>
public static class EvalReport
{
    public static EvalReportFiles Write(string folder, EvalResult result, RunStamp stamp, IImageSource images, GalleryOptions? gallery = null)
    {
        Directory.CreateDirectory(folder);
        var tables = new List<(ResultTable Table, string Name)>
        {
            (EvaluationTables.TableII(result, stamp), "table2"),
            (EvaluationTables.TableIII(result, stamp), "table3"),
            (EvaluationTables.DetectionAp(result, stamp), "detection_ap"),
            (EvaluationTables.Confusion(result, stamp), "confusion_matrix"),
        };
        var tableFiles = tables.SelectMany(t => t.Table.WriteAll(folder, t.Name)).ToList();
        string audit = AuditCsv.WriteFile(Path.Combine(folder, "audit.csv"), result, stamp);
        var evalImages = result.Outcomes.Select(o => o.Image).ToList();
        var dets = result.Outcomes.ToDictionary(o => o.Image.ImageId, o => o.Detections);
        string gt = Path.Combine(folder, "ground_truth.json");
        CocoFiles.WriteGroundTruth(gt, evalImages, stamp.Split);
        string dt = Path.Combine(folder, "detections.json");
        CocoFiles.WriteDetections(dt, evalImages, dets);

        string where = stamp.Split is null ? "" : $" ({stamp.Split})";
        var pictures = new List<string>();
        string cm = Path.Combine(folder, "confusion_matrix.png");
        MetricPlots.ConfusionMatrix(cm, result.Matrix, $"Confusion matrix{where}, τ={result.Options.Decision.Tau:0.###}");
        pictures.Add(cm);
        string pr = Path.Combine(folder, "pr_curves.png");
        MetricPlots.PrecisionRecall(pr, result.Coco, $"Precision-recall at IoU 0.5{where}");
        pictures.Add(pr);
        double tau = result.Options.Decision.Tau;
        string fp = Path.Combine(folder, "gallery_false_positives.png");
        if (ErrorGallery.Save(fp, $"False positives{where}", ErrorGallery.FalsePositives(result), tau, images, gallery))
        {
            pictures.Add(fp);
        }
        string fn = Path.Combine(folder, "gallery_false_negatives.png");
        if (ErrorGallery.Save(fn, $"False negatives{where}", ErrorGallery.FalseNegatives(result), tau, images, gallery))
        {
            pictures.Add(fn);
        }

        var md = new StringBuilder();
        md.Append("# hipfx evaluation").Append(where).Append("\n\n");
        foreach (var (table, _) in tables)
        {
            md.Append(table.ToMarkdown()).Append('\n');
        }
        md.Append("## Pictures\n\n");
        foreach (var p in pictures)
        {
            md.Append("![").Append(Path.GetFileNameWithoutExtension(p)).Append("](").Append(Path.GetFileName(p)).Append(")\n\n");
        }
        string report = Path.Combine(folder, "report.md");
        AtomicFile.WriteAllText(report, md.ToString());
        return new EvalReportFiles(tables.Select(t => t.Table).ToList(), tableFiles, audit, gt, dt, pictures, report);
    }
}
