namespace HipFx.Evaluation.Report;

/// <summary>
/// The reader study as <c>hipfx readers</c> wrote it: Table III per phase (readers, their mean, the model as a reader),
/// the paper's Table III, accuracy by reader and phase, the picture, agreement (Cohen's and Fleiss' κ) and the effect of
/// AI assistance (exact McNemar).
/// </summary>
public static class ReaderStudySection
{
    public const string Id = "readers";

    public static (ReportSection? Section, MissingSection? Missing) Build(ReportContext context)
    {
        const string title = "Reader study (Table III: surgeons with and without AI)";
        var sources = context.Sources;
        var phases = new[] { "I", "II", "III" }
            .Select(p => sources.Table($"table-iii-readers-{p}", $"readers/table3_phase_{p}.json"))
            .OfType<TableBlock>()
            .ToList();
        if (phases.Count == 0)
        {
            return (null, new MissingSection(Id, title,
                "no readers/ results: run hipfx readers --truth MANIFEST --split external --reads READS.csv "
                + $"--ai {context.Files.Eval("external")}/audit.csv --out {context.Files.Readers}"));
        }
        var blocks = new List<ReportBlock>();
        foreach (var phase in phases)
        {
            blocks.Add(context.Options.ComparePaper ? PaperComparison.WithTableIIIAverage(phase, decisionRule: false) : phase);
        }
        if (context.Options.ComparePaper)
        {
            blocks.Add(new TableBlock("paper-table-iii", null, PaperComparison.PublishedTableIII(), []));
        }
        if (sources.Figure("fig-readers", "readers/readers_se_sp.png",
                "Per reader, micro and macro sensitivity and specificity in each phase with 95% intervals; the model drawn as a grey diamond.",
                "Readers by phase, with the model as one more reader.") is { } figure)
        {
            blocks.Add(figure);
        }
        if (sources.Table("reader-summary", "readers/reader_summary.json") is { } summary)
        {
            blocks.Add(summary);
        }
        blocks.Add(new HeadingBlock("Agreement (κ)"));
        blocks.Add(sources.Table("agreement", "readers/agreement.json") is { } agreement
            ? agreement
            : new NoteBlock("No readers/agreement.json in this run."));
        blocks.Add(new HeadingBlock("Effect of AI assistance (McNemar)"));
        blocks.Add(sources.Table("ai-effect", "readers/ai_effect.json") is { } effect
            ? effect
            : new NoteBlock("No readers/ai_effect.json: the study has no pair of phases without and with AI."));
        return (new ReportSection(Id, title, blocks), null);
    }
}
