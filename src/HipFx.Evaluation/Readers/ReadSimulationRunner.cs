namespace HipFx.Evaluation.Readers;

/// <summary>What <c>hipfx readers simulate</c> reads and writes.</summary>
public sealed record ReadSimulationRun
{
    /// <summary>The manifest or truth CSV whose images are "read". Required.</summary>
    public required string TruthPath { get; init; }

    /// <summary>Keep only truth rows of this manifest split. Default: all rows.</summary>
    public string? TruthSplit { get; init; }

    /// <summary>A model audit whose decisions are the AI's suggestions. Default: simulate the AI.</summary>
    public string? ModelAuditPath { get; init; }

    /// <summary>The reads CSV to write. Required.</summary>
    public required string ReadsPath { get; init; }

    /// <summary>
    /// Where to write the simulated AI's decisions as an audit CSV (<c>image_id,truth,decision</c>) when no audit
    /// was given. Default: beside the reads, <c>&lt;reads name&gt;_ai.csv</c>.
    /// </summary>
    public string? AiAuditOutPath { get; init; }

    public ReadSimulationOptions Simulation { get; init; } = new();
}

/// <summary>Runs <see cref="ReadSimulator"/> on a truth file and writes the reads (and the AI's audit).</summary>
public static class ReadSimulationRunner
{
    /// <summary>Returns the simulation and the paths written (reads, then the AI audit when simulated).</summary>
    public static (ReadSimulator.Simulation Simulation, IReadOnlyList<string> Files) Run(ReadSimulationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Simulation.Validate();
        var truth = ReaderTruth.Load(run.TruthPath, run.TruthSplit);
        var audit = run.ModelAuditPath is { } a ? ModelAudit.Load(a) : null;
        var simulation = ReadSimulator.Simulate(truth, run.Simulation, audit);
        CreateFolderOf(run.ReadsPath);
        ReadsCsv.Write(run.ReadsPath, simulation.Reads);
        var files = new List<string> { run.ReadsPath };
        if (audit is null)
        {
            string aiPath = run.AiAuditOutPath ?? DefaultAiPath(run.ReadsPath);
            CreateFolderOf(aiPath);
            ModelAudit.Write(aiPath, simulation.Ai);
            files.Add(aiPath);
        }
        return (simulation, files);
    }

    public static string DefaultAiPath(string readsPath) =>
        Path.Combine(Path.GetDirectoryName(readsPath) ?? "", Path.GetFileNameWithoutExtension(readsPath) + "_ai.csv");

    private static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
