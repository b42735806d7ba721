using System.Globalization;
using HipFx.Data.Runs;
using HipFx.Evaluation.Plots;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Training curves: drawn from results.csv (loss and its parts, learning rate, validation metrics) with a short summary
/// of the epochs; else the run's curves.png as it is.
/// </summary>
public static class TrainingSection
{
    public const string Id = "training";

    public static (ReportSection? Section, MissingSection? Missing) Build(ReportContext context)
    {
        const string title = "Training curves";
        var files = context.Files;
        if (File.Exists(files.Results))
        {
            var epochs = ResultsTable.Read(files.Results);
            if (epochs.Count > 0)
            {
                return (new ReportSection(Id, title,
                [
                    new FigureBlock("fig-training", RunFolder.ResultsFileName, TrainingCurves.Png(epochs),
                        "Three panels by epoch: the training loss with its classification, box and distribution-focal parts; the learning rate; and the validation AP@0.5, AP@[.5:.95], macro sensitivity and macro specificity of the validated epochs.",
                        "Training curves, drawn from results.csv."),
                    new FactsBlock("training-summary", "Epochs", Summary(epochs)),
                ]), null);
            }
        }
        if (context.Sources.Figure("fig-training", "curves.png",
                "The run's training curves as the trainer drew them: loss, learning rate and validation metrics by epoch.",
                "Training curves (curves.png).") is { } curves)
        {
            return (new ReportSection(Id, title, [curves]), null);
        }
        return (null, new MissingSection(Id, title, "no results.csv with epochs and no curves.png in the run folder"));
    }

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min (sum of epoch_s)")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds} s (sum of epoch_s)");

    private static List<KeyValuePair<string, string>> Summary(IReadOnlyList<EpochResult> epochs)
    {
        string F(double? v, string format = "0.####") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : TableCell.NotAvailable;
        var last = epochs[^1];
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Epochs recorded", epochs.Count.ToString(CultureInfo.InvariantCulture)),
            new("Last epoch", string.Create(CultureInfo.InvariantCulture, $"{last.Epoch}: loss {F(last.Loss)}, lr {F(last.Lr, "0.######")}")),
        };
        var validated = epochs.Where(e => e.ValAp50 is not null).ToList();
        if (validated.Count > 0)
        {
            var best = validated.MaxBy(e => e.ValAp50!.Value)!;
            facts.Add(new("Validated epochs", validated.Count.ToString(CultureInfo.InvariantCulture)));
            facts.Add(new("Highest val AP@0.5", string.Create(CultureInfo.InvariantCulture,
                $"{F(best.ValAp50)} at epoch {best.Epoch} (AP@[.5:.95] {F(best.ValAp5095)}, macro Se {F(best.ValMacroSe)}, macro Sp {F(best.ValMacroSp)})")));
        }
        double seconds = epochs.Sum(e => e.EpochSeconds ?? 0);
        if (seconds > 0)
        {
            facts.Add(new("Training time", Duration(TimeSpan.FromSeconds(seconds))));
        }
        return facts;
    }
}
