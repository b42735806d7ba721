using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// The per-image audit: one line per image with its truth, the decision and the rule that made it, the
/// deciding score, the top score of each class (empty when the class has no box), the image-level
/// one-vs-rest TP/FP/FN of each class, and the box counts. Summing a class's columns gives Table II's counts.
/// </summary>
public static class AuditCsv
{
    public static void Write(TextWriter writer, EvalResult result, RunStamp stamp)
    {
        foreach (var entry in stamp.Entries)
        {
            writer.Write($"# {entry.Key}: {entry.Value.ReplaceLineEndings(" ")}\n");
        }
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        string[] fixedHeaders = ["image_id", "patient_id", "truth", "decision", "rule", "decision_score", "correct", "gt_boxes", "detections", "detections_above_tau"];
        foreach (var h in fixedHeaders)
        {
            csv.WriteField(h);
        }
        foreach (var c in ClassNames.FractureClasses)
        {
            csv.WriteField($"top_score_{c.Name()}");
        }
        foreach (var c in ClassNames.FractureClasses)
        {
            csv.WriteField($"tp_{c.Name()}");
            csv.WriteField($"fp_{c.Name()}");
            csv.WriteField($"fn_{c.Name()}");
        }
        csv.NextRecord();
        double tau = result.Options.Decision.Tau;
        foreach (var o in result.Outcomes)
        {
            csv.WriteField(o.Image.ImageId);
            csv.WriteField(o.Image.PatientId);
            csv.WriteField(o.Image.Truth.Name());
            csv.WriteField(o.Decision.Label.Name());
            csv.WriteField(o.Decision.RuleName);
            csv.WriteField(o.Decision.Box is { } b ? Num(b.Score) : "");
            csv.WriteField(o.Correct ? "1" : "0");
            csv.WriteField(o.Image.Boxes.Count);
            csv.WriteField(o.Detections.Count);
            csv.WriteField(o.Detections.Count(d => d.Score >= tau));
            foreach (double s in ImageDecider.TopScores(o.Detections))
            {
                csv.WriteField(double.IsNaN(s) ? "" : Num(s));
            }
            foreach (var c in ClassNames.FractureClasses)
            {
                bool isTrue = o.Image.Truth == c.ToImageLabel(), called = o.Decision.Label == c.ToImageLabel();
                csv.WriteField(isTrue && called ? "1" : "0");
                csv.WriteField(!isTrue && called ? "1" : "0");
                csv.WriteField(isTrue && !called ? "1" : "0");
            }
            csv.NextRecord();
        }
    }

    public static string WriteFile(string path, EvalResult result, RunStamp stamp)
    {
        AtomicFile.WriteText(path, w => Write(w, result, stamp));
        return path;
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
