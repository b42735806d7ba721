using HipFx.Data.Runs;

namespace HipFx.Evaluation.Report;

/// <summary>
/// The files of a run folder the report reads, named by <see cref="RunFolder"/> (the one layout train writes), each a
/// path whether or not it exists, plus how the report names them (relative to the folder).
/// </summary>
public sealed class RunFolderFiles(string folder)
{
    public const string ReportFileName = RunFolder.ReportFileName;

    public RunFolder Run { get; } = new(folder);

    /// <summary>The run folder, absolute.</summary>
    public string Folder => Run.Path;

    /// <summary>The run's name: the folder's name.</summary>
    public string Name => Run.Name;

    public string Config => Run.ConfigFile;

    public string RunJson => Run.RunFile;

    public string Results => Run.ResultsFile;

    public string Curves => Run.CurvesFile;

    public string Tau => Run.TauFile;

    public string Readers => Run.ReadersFolder;

    /// <summary>Where <c>hipfx eval</c> wrote <paramref name="split"/> for this run: <c>eval-&lt;split&gt;/</c>.</summary>
    public string Eval(string split) => Run.EvalFolder(split);

    /// <summary>The checkpoint the run serves (<see cref="RunFolder.FindCheckpoint"/>: best, else last, ...); null when none.</summary>
    public string? Checkpoint => Run.FindCheckpoint();

    /// <summary><paramref name="path"/> relative to the run folder, with forward slashes (how the report names its sources).</summary>
    public string Relative(string path) => Path.GetRelativePath(Folder, path).Replace(Path.DirectorySeparatorChar, '/');
}
