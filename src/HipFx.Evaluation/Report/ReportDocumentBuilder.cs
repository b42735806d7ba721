using System.Reflection;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Builds the report of a run folder: provenance first, then the model card, the internal and external results, the
/// reader study, training curves and the error galleries. A part the run does not have is left out and listed with
/// what would produce it.
/// </summary>
public static class ReportDocumentBuilder
{
    /// <summary>The hipfx version writing the report.</summary>
    public static string Version { get; } =
        typeof(ReportDocumentBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ReportDocumentBuilder).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static ReportDocument Build(RunReportOptions options)
    {
        options.Validated();
        var generated = options.GeneratedUtc ?? DateTimeOffset.UtcNow;
        var context = ReportContext.Load(options);
        var sections = new List<ReportSection>
        {
            ProvenanceSection.Build(context, generated),
            ModelCardSection.Build(context),
        };
        var missing = new List<MissingSection>();
        foreach (var (section, absent) in new[]
                 {
                     EvaluationSections.Internal(context),
                     EvaluationSections.External(context),
                     ReaderStudySection.Build(context),
                     TrainingSection.Build(context),
                     ErrorGallerySection.Build(context),
                 })
        {
            if (section is not null)
            {
                sections.Add(section);
            }
            if (absent is not null)
            {
                missing.Add(absent);
            }
        }
        return new ReportDocument($"hipfx run report: {context.Files.Name}", generated, Version, sections, missing);
    }
}
