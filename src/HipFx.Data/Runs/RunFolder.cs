using HipFx.Core;

namespace HipFx.Data.Runs;

/// <summary>
/// A training run's folder, the one layout train writes and eval, predict and report read:
/// <code>
/// runs/&lt;name&gt;/
///   config.yaml          resolved config, enough to rerun the run
///   run.json             manifest + hash, split sizes, seed, versions, device, command line, times
///   best.safetensors     EMA weights of the best epoch
///   last.safetensors     EMA weights of the last finished epoch
///   last.resume/         everything for an exact --resume
///   results.csv          one row per epoch
///   curves.png           loss / lr / val metrics
///   tensorboard/         TensorBoard event files
///   tau.json             τ chosen on val at the end, locked
///   eval-&lt;split&gt;/ readers/  what eval and readers write for this run
///   report.html          hipfx report
/// </code>
/// Only names paths; creates nothing but the folder itself (<see cref="CreateNew"/>).
/// </summary>
public sealed class RunFolder
{
    public const string ConfigFileName = "config.yaml";
    public const string RunFileName = "run.json";
    public const string BestCheckpointFileName = "best.safetensors";
    public const string LastCheckpointFileName = "last.safetensors";
    public const string ResumeFolderName = "last.resume";
    public const string ResultsFileName = "results.csv";
    public const string CurvesFileName = "curves.png";
    public const string TensorBoardFolderName = "tensorboard";
    public const string TauFileName = "tau.json";
    public const string ReadersFolderName = "readers";
    public const string ReportFileName = "report.html";
    public const string EvalFolderPrefix = "eval-";
    public const string CheckpointExtension = ".safetensors";

    /// <summary>Older runs kept their checkpoints here; <see cref="FindCheckpoint"/> still looks.</summary>
    public const string LegacyWeightsFolderName = "weights";

    /// <summary>The largest number <see cref="CreateNew"/> appends before giving up.</summary>
    public const int MaxNumberedSuffix = 9999;

    public RunFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The folder, absolute.</summary>
    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path.TrimEnd(System.IO.Path.DirectorySeparatorChar));

    public string ConfigFile => File(ConfigFileName);

    public string RunFile => File(RunFileName);

    public string BestCheckpoint => File(BestCheckpointFileName);

    public string LastCheckpoint => File(LastCheckpointFileName);

    public string ResumeFolder => File(ResumeFolderName);

    public string ResultsFile => File(ResultsFileName);

    public string CurvesFile => File(CurvesFileName);

    public string TensorBoardFolder => File(TensorBoardFolderName);

    /// <summary>Where τ is locked for this run (eval writes it, eval and predict read it).</summary>
    public string TauFile => File(TauFileName);

    public string ReadersFolder => File(ReadersFolderName);

    public string ReportFile => File(ReportFileName);

    public bool Exists => Directory.Exists(Path);

    /// <summary><c>eval-&lt;split&gt;/</c>: where <c>hipfx eval</c> writes its report for <paramref name="split"/> of this run.</summary>
    public string EvalFolder(string split)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        return File(EvalFolderPrefix + split);
    }

    /// <summary>
    /// The checkpoint this run serves: best.safetensors, else last.safetensors, else the only *.safetensors;
    /// then the same under the legacy weights/ folder. Null when there is none.
    /// </summary>
    public string? FindCheckpoint()
    {
        foreach (string folder in new[] { Path, File(LegacyWeightsFolderName) })
        {
            foreach (string name in new[] { BestCheckpointFileName, LastCheckpointFileName })
            {
                string p = System.IO.Path.Combine(folder, name);
                if (System.IO.File.Exists(p))
                {
                    return p;
                }
            }
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "*" + CheckpointExtension) is [var only])
            {
                return System.IO.Path.GetFullPath(only);
            }
        }
        return null;
    }

    /// <summary>
    /// Creates the folder for a new run named <paramref name="name"/> under <paramref name="parent"/> (e.g. <c>runs</c>)
    /// and returns it. When <c>parent/name</c> already exists: with <paramref name="existOk"/> it is reused (its files
    /// will be overwritten); otherwise the first free of <c>name2</c>, <c>name3</c>, … is taken, as ultralytics numbers
    /// its runs. (Two runs started in the same instant with the same name may get the same folder.)
    /// </summary>
    public static RunFolder CreateNew(string parent, string name, bool existOk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new HipFxConfigException($"run name must be a plain folder name, got '{name}'");
        }
        Directory.CreateDirectory(parent);
        string first = System.IO.Path.Combine(parent, name);
        if (existOk)
        {
            Directory.CreateDirectory(first);
            return new RunFolder(first);
        }
        for (int n = 1; n <= MaxNumberedSuffix; n++)
        {
            string candidate = n == 1 ? first : first + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (TryClaim(candidate))
            {
                return new RunFolder(candidate);
            }
        }
        throw new HipFxConfigException($"{first}: runs {name} to {name}{MaxNumberedSuffix} all exist; choose another name or parent folder");
    }

    /// <summary>
    /// What <c>--model</c> names: a checkpoint file (its run folder is the folder it sits in) or a run folder (its
    /// checkpoint is <see cref="FindCheckpoint"/>'s). <paramref name="optionName"/> is the option in messages.
    /// </summary>
    public static ModelReference ResolveModel(string modelPath, string optionName = "--model")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (System.IO.File.Exists(modelPath))
        {
            string file = System.IO.Path.GetFullPath(modelPath);
            return new ModelReference(file, new RunFolder(System.IO.Path.GetDirectoryName(file)!));
        }
        if (!Directory.Exists(modelPath))
        {
            throw new HipFxConfigException($"{optionName}: no such file or folder: {modelPath}");
        }
        var run = new RunFolder(modelPath);
        string checkpoint = run.FindCheckpoint() ?? throw new HipFxDataException(
            $"no checkpoint here: expected {BestCheckpointFileName}, {LastCheckpointFileName} or a single *{CheckpointExtension} (also under {LegacyWeightsFolderName}/)", modelPath);
        return new ModelReference(checkpoint, run);
    }

    /// <summary>
    /// The run folder a model path belongs to without requiring a checkpoint: the folder itself, or the folder of a
    /// file. Where tau.json lives for <c>--model</c>.
    /// </summary>
    public static RunFolder Of(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        return Directory.Exists(modelPath)
            ? new RunFolder(modelPath)
            : new RunFolder(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(modelPath))!);
    }

    public override string ToString() => Path;

    private string File(string name) => System.IO.Path.Combine(Path, name);

    private static bool TryClaim(string folder)
    {
        if (Directory.Exists(folder) || System.IO.File.Exists(folder))
        {
            return false;
        }
        Directory.CreateDirectory(folder);
        return true;
    }
}

/// <summary>A resolved <c>--model</c>: the checkpoint file to load and the run folder it belongs to.</summary>
public sealed record ModelReference(string Checkpoint, RunFolder Run);
