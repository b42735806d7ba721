using System.Globalization;
using HipFx.Core;
using HipFx.Data.Splits;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// A short model card: intended use, the data the model was trained and tested on, known limits (its classes, its
/// external performance, small samples), and how τ was locked. Every number is quoted from the run's files.
/// </summary>
public static class ModelCardSection
{
    public const string Id = "model-card";

    public static ReportSection Build(ReportContext context)
    {
        var blocks = new List<ReportBlock>
        {
            new HeadingBlock("Intended use"),
            new ParagraphBlock(
                "Decision support for detecting and classifying hip fractures on anteroposterior (AP) hip or pelvis radiographs of adults: "
                + "the model marks each suspected fracture with a box and one of four types (displaced or valgus-impacted femoral neck "
                + "fracture, stable or unstable intertrochanteric fracture), or calls the image no fracture. Its output is a suggestion "
                + "for a clinician who reads the image; it does not replace that reading."),
            new NoteBlock("Not a medical device. hipfx and this model are research software, not cleared or approved for diagnosis or "
                + "treatment decisions; every output must be confirmed by a qualified reader."),
            new HeadingBlock("Model"),
            new ParagraphBlock(
                "DAMO-YOLO-T detector (TinyNAS backbone, RepGFPN neck, ZeroHead) with four fracture classes. Per image, the label is the "
                + "class of the highest-scoring box with score ≥ τ, else no fracture."),
            new HeadingBlock("Data"),
            new ListBlock(DataItems(context)),
            new HeadingBlock("Known limits"),
            new ListBlock(Limits(context)),
            new HeadingBlock("How τ was locked"),
            new ParagraphBlock(TauStory(context)),
        };
        return new ReportSection(Id, "Model card", blocks);
    }

    private static List<string> DataItems(ReportContext context)
    {
        var items = new List<string>();
        if (context.Manifest is { } manifest)
        {
            foreach (var row in SplitTable.From(manifest).Rows.Where(r => r.Split != "total"))
            {
                items.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Purpose(row.Split)}: {row.Images} images of {row.Patients} patients from {Institutions(row.Institutions)} ({Labels(row)})."));
            }
            items.Add("Splits are by patient (no patient in two splits), stratified by label; external institutions are kept whole for external testing.");
        }
        else if (ProvenanceSection.RecordedSplitSizes(context.Run) is { } sizes)
        {
            items.Add($"Images per split (run.json): {sizes}.");
        }
        else
        {
            items.Add("Not recorded: the run folder holds neither a readable manifest nor split sizes in run.json.");
        }
        return items;
    }

    private static List<string> Limits(ReportContext context)
    {
        var limits = new List<string>
        {
            "Classes: only the four fracture types above and no fracture. Other findings (subtrochanteric, pathological, periprosthetic, "
            + "acetabular or pelvic ring fractures, dislocations) are outside its classes: they are missed or given one of the five labels.",
            "One view and one label: it reads a single AP image and gives one label per image (the top box); it was not trained on lateral views.",
        };
        string? internalSe = MicroCell(context, ReportContext.TestTable2, "sensitivity");
        string? externalSe = MicroCell(context, ReportContext.ExternalTable3, "sensitivity");
        string? externalSp = MicroCell(context, ReportContext.ExternalTable3, "specificity");
        if (externalSe is not null)
        {
            limits.Add($"Performance at another hospital: on the external institution the micro-average sensitivity was {externalSe} and the "
                + $"specificity {externalSp ?? "n/a"}" + (internalSe is null ? "." : $", against a sensitivity of {internalSe} on the internal test split.")
                + " Expect a drop on images unlike the training hospitals'; check it locally before use.");
        }
        else
        {
            limits.Add("Performance at another hospital is unknown: this run has no external evaluation (eval-external/).");
        }
        limits.Add("Intervals are 95% Wilson intervals (or patient bootstrap, marked †); where a class has few images they are wide, "
            + "and the point values alone overstate what is known.");
        return limits;
    }

    private static string TauStory(ReportContext context)
    {
        if (context.Tau is not { } t)
        {
            var used = ProvenanceSection.Stamps(context).Select(s => s.Stamp).FirstOrDefault(s => s.Tau is not null);
            return used is null
                ? "This run has no tau.json and no evaluation stamped with τ."
                : string.Create(CultureInfo.InvariantCulture, $"This run has no tau.json: its evaluations used τ = {used.Tau:R} ({used.TauSource}).");
        }
        string when = t.SelectedUtc is { } s ? " on " + ProvenanceSection.Utc(s) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"τ = {t.Tau:R} was chosen once on the {t.Split} split ({t.Images} images){when}: of {t.Candidates} candidate thresholds (every image's top score, and 1), the one with the largest macro Youden J ({t.Objective:0.####}; ties to the higher τ).")
            + " It was written to tau.json and read back, unchanged, for the internal test and external evaluations; the test and external images played no part in choosing it.";
    }

    /// <summary>The text of the micro-average row's cell in <paramref name="column"/> of a table, as the run wrote it.</summary>
    private static string? MicroCell(ReportContext context, string relative, string column)
    {
        if (context.Sources.ReadTable(relative) is not { } table)
        {
            return null;
        }
        int c = table.Columns.ToList().FindIndex(x => x.Key == column);
        var row = table.Rows.FirstOrDefault(r => PaperResults.RowKey(r[0].Text) == PaperResults.MicroRow);
        return c < 0 || row is null ? null : row[c].Text;
    }

    private static string Purpose(string split) => split switch
    {
        "train" => "Trained on",
        "val" => "Validated (checkpoint and τ chosen) on",
        "test" => "Tested (internal) on",
        "external" => "Tested (external) on",
        _ => $"Split '{split}'",
    };

    private static string Institutions(IReadOnlyList<string> names) =>
        names.Count == 1 ? $"institution {names[0]}" : $"institutions {string.Join(", ", names)}";

    private static string Labels(SplitTableRow row) =>
        string.Join(", ", ClassNames.ImageLabels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.PaperName()} {row.LabelCounts[l.Name()]}")));
}
