namespace HipFx.Evaluation.Report;

/// <summary>
/// The files of a run folder the report reads (COMMON layout: config.yaml, run.json, best/last.safetensors,
/// results.csv, curves.png, tau.json, eval-test/, eval-external/, readers/), each a path whether or not it exists.
/// </summary>
public sealed class RunFolderFiles(string folder)
{
    public const string ReportFileName = "report.html";

    /// <summary>The run folder, absolute.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The run's name: the folder's name.</summary>
    public string Name => Path.GetFileName(Folder.TrimEnd(Path.DirectorySeparatorChar));

    public string Config => At("config.yaml");

    public string RunJson => At("run.json");

    public string BestCheckpoint => At("best.safetensors");

    public string LastCheckpoint => At("last.safetensors");

    public string Results => At("results.csv");

    public string Curves => At("curves.png");

    public string Tau => At("tau.json");

    /// <summary>Where <c>hipfx eval</c> wrote <paramref name="split"/> for this run: <c>eval-&lt;split&gt;/</c>.</summary>
    public string Eval(string split) => At("eval-" + split);

    public string Readers => At("readers");

    /// <summary>The checkpoint the run serves: best, else last; null when neither exists.</summary>
    public string? Checkpoint => File.Exists(BestCheckpoint) ? BestCheckpoint : File.Exists(LastCheckpoint) ? LastCheckpoint : null;

    /// <summary><paramref name="path"/> relative to the run folder, with forward slashes (how the report names its sources).</summary>
    public string Relative(string path) => Path.GetRelativePath(Folder, path).Replace(Path.DirectorySeparatorChar, '/');

    private string At(params string[] parts) => Path.Combine([Folder, .. parts]);
}
