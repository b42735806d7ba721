namespace HipFx.Evaluation.Report;

/// <summary>
/// The model's results as <c>hipfx eval</c> wrote them: Table II on the internal test split and Table III on the
/// external split, each with detection AP, the confusion matrix (table and picture) and the PR curves, and the paper's
/// published values beside the tables that use its setting.
/// </summary>
public static class EvaluationSections
{
    public const string InternalId = "internal-test";
    public const string ExternalId = "external";

    public static (ReportSection? Section, MissingSection? Missing) Internal(ReportContext context)
    {
        const string title = "Internal test (Table II)";
        var table = context.Sources.Table("table-ii", ReportContext.TestTable2);
        if (table is null)
        {
            return (null, new MissingSection(InternalId, title,
                $"no {ReportContext.TestTable2}: run hipfx eval --model {context.Files.Folder} --split test --tau-from-val --out {context.Files.Eval("test")}"));
        }
        var blocks = new List<ReportBlock>
        {
            context.Options.ComparePaper ? PaperComparison.WithTableII(table) : table,
        };
        blocks.AddRange(Common(context, "test", "internal test split"));
        return (new ReportSection(InternalId, title, blocks), null);
    }

    public static (ReportSection? Section, MissingSection? Missing) External(ReportContext context)
    {
        const string title = "External test (Table III: the model)";
        var table = context.Sources.Table("table-iii-model", ReportContext.ExternalTable3);
        if (table is null)
        {
            return (null, new MissingSection(ExternalId, title,
                $"no {ReportContext.ExternalTable3}: run hipfx eval --model {context.Files.Folder} --split external --tau-from-val --out {context.Files.Eval("external")}"));
        }
        var blocks = new List<ReportBlock>
        {
            context.Options.ComparePaper ? PaperComparison.WithTableIIIAverage(table, decisionRule: true) : table,
        };
        blocks.AddRange(Common(context, "external", "external institution"));
        return (new ReportSection(ExternalId, title, blocks), null);
    }

    /// <summary>What both splits show besides their main table: detection AP, the confusion matrix, the PR curves, the stamp.</summary>
    private static IEnumerable<ReportBlock> Common(ReportContext context, string split, string where)
    {
        string folder = "eval-" + split;
        var sources = context.Sources;
        if (sources.Table($"detection-ap-{split}", $"{folder}/detection_ap.json") is { } ap)
        {
            yield return ap;
        }
        if (sources.Table($"confusion-{split}", $"{folder}/confusion_matrix.json") is { } confusion)
        {
            yield return confusion;
        }
        var pictures = new[]
        {
            sources.Figure($"fig-confusion-{split}", $"{folder}/confusion_matrix.png",
                $"Confusion matrix of image labels on the {where}: rows are the truth, columns the model's decision (DF, VF, SF, UF, No), each cell with its count and share of the row.",
                $"Confusion matrix, {where}."),
            sources.Figure($"fig-pr-{split}", $"{folder}/pr_curves.png",
                $"Precision-recall curves at IoU 0.5 on the {where}, one line per fracture class, with its AP in the legend.",
                $"Precision-recall curves at IoU 0.5, {where}."),
        }.OfType<FigureBlock>().ToList();
        if (pictures.Count > 0)
        {
            yield return new FigureGroupBlock(pictures);
        }
        if (sources.ReadTable($"{folder}/table{(split == "test" ? "2" : "3")}.json")?.Stamp is { } stamp)
        {
            yield return new DetailsBlock($"How these numbers were made ({folder} stamp)",
                string.Join("\n", stamp.Entries.Select(e => $"{e.Key}: {e.Value}")));
        }
    }
}
