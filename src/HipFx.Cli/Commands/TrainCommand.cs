using System.CommandLine;
using System.Text;
using HipFx.Cli.Config;
using HipFx.Cli.Output;
using HipFx.Core;
using HipFx.Core.IO;
using HipFx.Data.Manifests;
using HipFx.Data.Runs;
using HipFx.Torch;
using HipFx.Training.Loop;
using HipFx.Training.Reporting;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx train --config X [--set key=value]... [--resume RUN] [--name N] [--project runs]</c>: resolves the YAML
/// config, writes it into a new run folder, and runs the trainer with the run-folder writers and the progress display.
/// </summary>
internal sealed class TrainCommand : ICliCommand
{
    private readonly Option<FileInfo?> config = new("--config", "-c")
    {
        Description = "The YAML recipe (e.g. configs/damoyolo-t-paper.yaml, configs/synthetic-demo.yaml). Keys: see below.",
    };

    private readonly Option<string[]> set = new("--set")
    {
        Description = "Override one key: --set train.epochs=100 (repeatable, applied after the file in order; 'null' sets null).",
    };

    private readonly Option<DirectoryInfo?> resume = new("--resume")
    {
        Description = "Continue the run in this folder exactly (model, EMA, optimizer, schedule, RNG and data position) from its last.resume/, with its own config.yaml. Only runtime.* keys may be --set.",
    };

    private readonly Option<string?> name = new("--name")
    {
        Description = "Run folder name (default: the config file's name); an existing name gets a number (demo, demo2, ...).",
    };

    private readonly Option<DirectoryInfo> project = new("--project")
    {
        Description = "Folder that holds the run folders.",
        DefaultValueFactory = _ => new DirectoryInfo("runs"),
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("train", Help());
        foreach (var option in new Option[] { config, set, resume, name, project })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var overrides = parse.GetValue(set) ?? [];
            var deviceResult = parse.GetResult(globals.Device);
            string? deviceOverride = deviceResult is { Implicit: false } ? parse.GetValue(globals.Device) : null;
            var (trainConfig, run, resumed) = Prepare(parse.GetValue(config), parse.GetValue(resume), overrides, deviceOverride,
                parse.GetValue(name), parse.GetValue(project)!.FullName);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            string commandLine = "hipfx " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            string configText = ConfigWriter.Write(trainConfig,
                [$"hipfx train resolved config: {run.Name}", $"written {DateTimeOffset.UtcNow:O} by {commandLine}", "rerun: hipfx train --config <this file>"]);
            AtomicFile.WriteAllText(run.ConfigFile, configText);

            var spec = DeviceSpec.Parse(trainConfig.Runtime.Device);
            var info = TorchRuntime.Initialize(new TorchRuntimeOptions { LibtorchDirectory = parse.GetValue(globals.Libtorch)?.FullName });
            if (trainConfig.Runtime.Threads > 0)
            {
                TorchSharp.torch.set_num_threads(trainConfig.Runtime.Threads);
            }
            var provenance = new RunProvenance
            {
                CommandLine = commandLine,
                Manifest = Path.GetFullPath(trainConfig.Data.Manifest),
                ManifestSha256 = ManifestReader.Read(Path.GetFullPath(trainConfig.Data.Manifest)).Sha256(),
                TrainSplit = trainConfig.Data.TrainSplit,
                ValidationSplit = trainConfig.Train.Validation.Split,
                Seed = trainConfig.Train.Seed,
                Device = trainConfig.Runtime.Device,
                Versions = new Dictionary<string, string>
                {
                    ["hipfx"] = HipFxApp.Version,
                    ["TorchSharp"] = info.TorchSharpVersion,
                    ["libtorch"] = info.LibtorchVersion,
                    [".NET"] = Environment.Version.ToString(),
                },
            };

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                if (!cancel.IsCancellationRequested)
                {
                    e.Cancel = true; // the first Ctrl+C stops after writing last.resume/; a second one kills
                    error.WriteLine("stopping after this step (writing last.resume/); Ctrl+C again to kill");
                    cancel.Cancel();
                }
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var setup = TrainRunComposer.Compose(trainConfig, run.Path, resumed, configText, spec, cancel.Token);
                var progress = new TrainProgress(output, error);
                var observers = new TrainingObservers(
                    new ResultsCsvObserver(run), new CurvesObserver(run), new TensorBoardObserver(run), new RunRecordObserver(run, provenance), progress);
                var outcome = progress.Run(() => new TrainRunner(setup, observers).Run(cancel.Token));
                output.WriteLine($"run folder: {run.Path}");
                if (outcome.End == TrainingEnd.Cancelled)
                {
                    error.WriteLine($"stopped; continue with: hipfx train --resume {run.Path}");
                    return HipFxApp.ExitFailure;
                }
                return HipFxApp.ExitOk;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>The resolved config and the run folder: a new numbered run, or the run to resume with its own config.</summary>
    private static (TrainConfig Config, RunFolder Run, bool Resumed) Prepare(FileInfo? configFile, DirectoryInfo? resumeDir,
        IReadOnlyList<string> overrides, string? device, string? runName, string projectFolder)
    {
        if (device is not null)
        {
            overrides = [.. overrides, $"runtime.device={device}"];
        }
        if (resumeDir is not null)
        {
            if (configFile is not null)
            {
                throw new HipFxConfigException("--resume continues a run with its own config.yaml; leave out --config");
            }
            var run = new RunFolder(resumeDir.FullName);
            if (!File.Exists(run.ConfigFile))
            {
                throw new HipFxConfigException($"--resume {resumeDir}: no {RunFolder.ConfigFileName} there; is it a run folder?");
            }
            var notRuntime = overrides.FirstOrDefault(o => !o.TrimStart().StartsWith("runtime.", StringComparison.Ordinal));
            if (notRuntime is not null)
            {
                throw new HipFxConfigException($"--set {notRuntime}: a resumed run keeps its recipe; only runtime.* keys may change");
            }
            return (ConfigLoader.WithAbsolutePaths(ConfigLoader.Load(run.ConfigFile, overrides)), run, true);
        }
        if (configFile is null)
        {
            throw new HipFxConfigException("--config is required (e.g. --config configs/synthetic-demo.yaml), or --resume RUN_DIR");
        }
        var loaded = ConfigLoader.WithAbsolutePaths(ConfigLoader.Load(configFile.FullName, overrides));
        string name = runName ?? Path.GetFileNameWithoutExtension(configFile.Name);
        return (loaded, RunFolder.CreateNew(projectFolder, name), false);
    }

    private static string Help()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Train DAMO-YOLO-T from a typed YAML recipe into a run folder runs/<name>/:");
        sb.AppendLine("  config.yaml (resolved config: enough to rerun), run.json (manifest + sha256, split sizes, seed, versions,");
        sb.AppendLine("  device, command line, times), results.csv (one row per epoch), curves.png, tensorboard/ (tensorboard --logdir runs),");
        sb.AppendLine("  last.safetensors / best.safetensors (EMA weights), last.resume/ (exact --resume), tau.json (tau chosen on val, locked:");
        sb.AppendLine("  then hipfx eval --model runs/<name> --split test --tau-from-val, hipfx predict --model runs/<name>).");
        sb.AppendLine("A progress bar per epoch (losses, lr, images/s, ETA, memory) and one summary line per epoch. Ctrl+C stops cleanly");
        sb.AppendLine("after writing last.resume/ (resume with --resume). Errors in the config name the key and line; unknown keys name the");
        sb.AppendLine("closest valid key. Several GPUs (--device cuda:0,1) or runtime.replicas on the CPU train data-parallel in one process;");
        sb.AppendLine("BatchNorm statistics are per replica (the official code uses SyncBN).");
        sb.AppendLine();
        sb.AppendLine("Config keys (default in brackets):");
        var defaults = new TrainConfig();
        foreach (var (section, description) in TrainConfigSchema.Sections)
        {
            sb.Append("  ").Append(section).Append(": ").AppendLine(description);
            foreach (var key in TrainConfigSchema.Keys.Where(k => k.Section == section))
            {
                sb.Append("    ").Append(key.Leaf).Append(" [").Append(key.Format(defaults)).Append("]: ").AppendLine(key.Description);
            }
        }
        return sb.ToString().TrimEnd();
    }
}
