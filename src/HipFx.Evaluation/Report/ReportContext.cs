using HipFx.Data.Manifests;
using HipFx.Data.Runs;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// The run-wide facts every section draws on, read once: run.json, the checkpoint, tau.json, the manifest, the stamps
/// of eval and readers. Each is null when the run does not have it.
/// </summary>
public sealed record ReportContext(
    RunReportOptions Options,
    ReportSources Sources,
    RunRecord? Run,
    string? ConfigText,
    CheckpointSummary? Checkpoint,
    TauSelection? Tau,
    string? ManifestPath,
    Manifest? Manifest,
    RunStamp? TestStamp,
    RunStamp? ExternalStamp,
    RunStamp? ReadersStamp)
{
    public const string TestTable2 = "eval-test/table2.json";
    public const string ExternalTable3 = "eval-external/table3.json";
    public const string ReadersAgreement = "readers/agreement.json";

    public RunFolderFiles Files => Sources.Files;

    public static ReportContext Load(RunReportOptions options)
    {
        var files = new RunFolderFiles(options.RunFolder);
        var sources = new ReportSources(files);
        var run = File.Exists(files.RunJson) ? RunRecord.Read(files.RunJson) : null;
        string? config = File.Exists(files.Config) ? File.ReadAllText(files.Config) : null;
        var checkpoint = files.Checkpoint is { } c ? CheckpointSummary.Read(c) : null;
        var tau = File.Exists(files.Tau) ? TauSelection.Read(files.Tau) : null;
        var test = StampOf(sources, TestTable2);
        var external = StampOf(sources, ExternalTable3);
        var readers = StampOf(sources, ReadersAgreement);
        string? manifestPath = FindManifest(files, run, test, external);
        var manifest = manifestPath is null ? null : ManifestReader.Read(manifestPath);
        return new ReportContext(options, sources, run, config, checkpoint, tau, manifestPath, manifest, test, external, readers);
    }

    /// <summary>The manifest: run.json's (absolute, or relative to the run folder or the working folder), else the one eval read.</summary>
    private static string? FindManifest(RunFolderFiles files, RunRecord? run, RunStamp? test, RunStamp? external)
    {
        var candidates = new List<string>();
        if (run?.ManifestPath is { } recorded)
        {
            candidates.Add(Path.IsPathRooted(recorded) ? recorded : Path.Combine(files.Folder, recorded));
            candidates.Add(Path.GetFullPath(recorded));
        }
        foreach (var stamp in new[] { test, external })
        {
            if (stamp?.Extra.FirstOrDefault(e => e.Key == "ground_truth").Value is { } gt && gt.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(gt);
            }
        }
        return candidates.FirstOrDefault(File.Exists);
    }

    private static RunStamp? StampOf(ReportSources sources, string relative) => sources.ReadTable(relative)?.Stamp;
}
