using System.Text;
using HipFx.Data.Manifests;
using HipFx.Evaluation.Tables;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Readers;

/// <summary>What one run of the reader study produced.</summary>
public sealed record ReaderStudyOutput(
    ReaderStudyResult Result,
    IReadOnlyList<(string BaseName, ResultTable Table)> Tables,
    IReadOnlyList<string> Files,
    string ReportPath,
    string? PlotPath);

/// <summary>
/// <c>hipfx readers</c> end to end: load truth, reads and model audit; validate them all at once; analyse; write
/// every table as Markdown, CSV and JSON, one combined <c>readers.md</c> and the picture <c>readers_se_sp.png</c>.
/// </summary>
public static class ReaderStudyRunner
{
    public const string ReportName = "readers.md";
    public const string PlotName = "readers_se_sp.png";

    public static ReaderStudyOutput Run(ReaderStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var truth = ReaderTruth.Load(options.TruthPath, options.TruthSplit);
        var audit = options.ModelAuditPath is { } auditPath ? ModelAudit.Load(auditPath) : null;
        var rows = ReadsCsv.Load(options.ReadsPath);
        var study = ReaderStudyBuilder.Build(rows, truth, audit, new ReaderStudyInput
        {
            ReadsPath = options.ReadsPath,
            ExpectedReaders = options.ExpectedReaders,
            ModelReaderName = options.ModelReaderName,
        });
        var result = ReaderStudyAnalysis.Run(study, options.Analysis);
        var stamp = Stamp(options);
        var tables = ReaderStudyTables.All(result, stamp);

        Directory.CreateDirectory(options.OutputFolder);
        var files = new List<string>();
        foreach (var (name, table) in tables)
        {
            files.AddRange(table.WriteAll(options.OutputFolder, name));
        }
        string? plot = null;
        if (options.Plot)
        {
            plot = Path.Combine(options.OutputFolder, PlotName);
            ReaderStudyPlot.Save(result, plot);
            files.Add(plot);
        }
        string report = Path.Combine(options.OutputFolder, ReportName);
        AtomicFile.WriteAllText(report, Report(result, tables, plot is null ? null : PlotName));
        files.Add(report);
        return new ReaderStudyOutput(result, tables, files, report, plot);
    }

    /// <summary>Where the numbers come from: the input files' SHA-256, the split, the model, the interval methods.</summary>
    public static RunStamp Stamp(ReaderStudyOptions options)
    {
        var extra = new List<KeyValuePair<string, string>>
        {
            new("reads", Path.GetFileName(options.ReadsPath)),
            new("reads_sha256", FileHash.Sha256(options.ReadsPath)),
            new("cohen_interval", "asymptotic, Fleiss-Cohen-Everitt 1969 variance"),
            new("fleiss_interval", options.Analysis.Fleiss.BootstrapSamples > 0
                ? $"percentile bootstrap over images, {options.Analysis.Fleiss.BootstrapSamples} resamples, seed {options.Analysis.Fleiss.Seed}"
                : "none (0 bootstrap resamples)"),
        };
        if (options.ModelAuditPath is { } audit)
        {
            extra.Add(new("model_audit_sha256", FileHash.Sha256(audit)));
        }
        // A manifest is stamped with its canonical hash, the one hipfx split and eval record, so runs can be joined on it.
        bool manifest = ReaderTruth.IsManifest(options.TruthPath);
        if (!manifest)
        {
            extra.Add(new("truth_sha256", FileHash.Sha256(options.TruthPath)));
        }
        return new RunStamp
        {
            Model = options.ModelAuditPath is { } a ? Path.GetFileName(a) : null,
            ManifestHash = manifest ? ManifestReader.Read(options.TruthPath).Sha256() : null,
            Split = options.TruthSplit,
            CoordinateConvention = null,
            Extra = extra,
        };
    }

    private static string Report(ReaderStudyResult result, IReadOnlyList<(string BaseName, ResultTable Table)> tables, string? plot)
    {
        var sb = new StringBuilder();
        var study = result.Study;
        sb.Append("# Reader study\n\n");
        sb.Append($"{study.Images.Count} images, readers {string.Join(", ", study.Readers)}, phases {string.Join(", ", study.Phases.Select(p => p.Name()))}");
        sb.Append(study.Model is { } m ? $", model as reader '{m.Name}'.\n\n" : ".\n\n");
        foreach (string note in result.Notes)
        {
            sb.Append("- ").Append(note).Append('\n');
        }
        if (result.Notes.Count > 0)
        {
            sb.Append('\n');
        }
        if (plot is not null)
        {
            sb.Append($"![Per-reader sensitivity and specificity by phase]({plot})\n\n");
        }
        foreach (var (_, table) in tables)
        {
            sb.Append(table.ToMarkdown()).Append('\n');
        }
        return sb.ToString();
    }

}
