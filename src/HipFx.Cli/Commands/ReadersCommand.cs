using System.CommandLine;
using System.Globalization;
using HipFx.Cli.Output;
using HipFx.Core;
using HipFx.Evaluation.Readers;
using HipFx.Evaluation.Statistics;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx readers</c>: the reader study (surgeons with and without AI; Table III, agreement, McNemar), and
/// <c>hipfx readers simulate</c>: reads from a reader model, to run the study without a real one.
/// </summary>
internal sealed class ReadersCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var truth = new Option<FileInfo>("--truth")
        {
            Description = "Manifest or truth CSV with image_id and label columns (the five canonical labels).",
            Required = true,
        };
        var reads = new Option<FileInfo>("--reads")
        {
            Description = "Reads CSV: image_id, reader, phase (I, II, III), label; optional confidence, reading_time_s.",
            Required = true,
        };
        var split = SplitOption();
        var ai = new Option<FileInfo?>("--ai")
        {
            Description = "The model's audit CSV from 'hipfx eval' (image_id, truth, decision), shown as one more reader.",
        };
        var aiName = new Option<string>("--ai-name")
        {
            Description = "The model's name as a reader.",
            DefaultValueFactory = _ => "AI",
        };
        var readers = new Option<string?>("--readers")
        {
            Description = "Expected readers in table order, comma-separated (e.g. A,B,C); any other name is an error. Default: all readers found.",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Output folder for the tables (.md, .csv, .json), readers.md and readers_se_sp.png.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("runs", "readers")),
        };
        var baseline = new Option<string>("--baseline")
        {
            Description = "Unassisted phase compared with --assisted (McNemar).",
            DefaultValueFactory = _ => "II",
        };
        var assisted = new Option<string>("--assisted")
        {
            Description = "AI-assisted phase.",
            DefaultValueFactory = _ => "III",
        };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples for Fleiss' κ intervals (0: none).",
            DefaultValueFactory = _ => 2000,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the bootstrap.",
            DefaultValueFactory = _ => 0,
        };
        var noPlot = new Option<bool>("--no-plot") { Description = "Skip the PNG." };

        var command = new HipFxCommand("readers",
            "The reader study: per reader and phase Se/Sp (Table III layout), mean (SD), intra- and inter-reader κ, " +
            "and the effect of AI assistance (exact McNemar). 'hipfx readers simulate' makes reads to try it.");
        command.MapKey(nameof(FleissKappaOptions.BootstrapSamples), bootstrap);
        foreach (var option in new Option[] { truth, reads, split, ai, aiName, readers, output, baseline, assisted, bootstrap, seed, noPlot })
        {
            command.Options.Add(option);
        }
        command.Subcommands.Add(BuildSimulate());
        command.SetAction(parse =>
        {
            var options = new ReaderStudyOptions
            {
                TruthPath = parse.GetValue(truth)!.FullName,
                ReadsPath = parse.GetValue(reads)!.FullName,
                TruthSplit = parse.GetValue(split),
                ModelAuditPath = parse.GetValue(ai)?.FullName,
                ModelReaderName = parse.GetValue(aiName)!,
                ExpectedReaders = SplitList(parse.GetValue(readers)),
                OutputFolder = parse.GetValue(output)!.FullName,
                Plot = !parse.GetValue(noPlot),
                Analysis = new ReaderAnalysisOptions
                {
                    Baseline = Phase(parse.GetValue(baseline), "--baseline"),
                    Assisted = Phase(parse.GetValue(assisted), "--assisted"),
                    Fleiss = new FleissKappaOptions { BootstrapSamples = parse.GetValue(bootstrap), Seed = parse.GetValue(seed) },
                },
            };
            var run = ReaderStudyRunner.Run(options);
            var writer = parse.InvocationConfiguration.Output;
            var study = run.Result.Study;
            writer.WriteLine(
                $"Reader study: {study.Images.Count} images, readers {string.Join(", ", study.Readers)}, " +
                $"phases {string.Join(", ", study.Phases.Select(p => p.Name()))}{(study.Model is { } m ? $", model '{m.Name}'" : "")}");
            // In the terminal: Table III with values only (the files keep the counts), the stamp once at the end.
            foreach (var (name, table) in run.Tables.Where(t => t.BaseName is not ("reader_metrics" or "reader_mean_sd")))
            {
                var shown = name.StartsWith("table3_", StringComparison.Ordinal)
                    ? ReaderStudyTables.TableThree(run.Result, study.Phases.Single(p => name == $"table3_phase_{p.Name()}"), table.Stamp, counts: false)
                    : table;
                ResultTableRenderer.Write(writer, shown, includeStamp: false);
                writer.WriteLine();
            }
            writer.WriteLine("Run: " + ResultTableRenderer.StampLine(run.Tables[0].Table.Stamp));
            foreach (string note in run.Result.Notes)
            {
                writer.WriteLine($"note: {note}");
            }
            writer.WriteLine($"Report: {run.ReportPath}");
            if (run.PlotPath is { } plot)
            {
                writer.WriteLine($"Picture: {plot}");
            }
            writer.WriteLine($"Tables (.md .csv .json): {options.OutputFolder} ({run.Files.Count} files)");
            return HipFxApp.ExitOk;
        });
        return command;
    }

    private static Command BuildSimulate()
    {
        var truth = new Option<FileInfo>("--truth")
        {
            Description = "Manifest or truth CSV (image_id, label) whose images the simulated readers read.",
            Required = true,
        };
        var split = SplitOption();
        var output = new Option<FileInfo>("--out")
        {
            Description = "The reads CSV to write.",
            Required = true,
        };
        var ai = new Option<FileInfo?>("--ai")
        {
            Description = "A model audit CSV whose decisions are the AI's suggestions in phase III. Default: a simulated AI.",
        };
        var aiOut = new Option<FileInfo?>("--ai-out")
        {
            Description = "Where to write the simulated AI's audit CSV. Default: <reads>_ai.csv beside --out.",
        };
        var readerCount = new Option<int>("--reader-count")
        {
            Description = "Number of simulated readers (A, B, C as the paper's surgeons, then D, E, ... average).",
            DefaultValueFactory = _ => 3,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulation.", DefaultValueFactory = _ => 0 };
        var defaults = new ReadSimulationOptions();
        var consistency = new Option<double>("--consistency")
        {
            Description = "Chance a reader repeats their previous phase's read (intra-reader agreement).",
            DefaultValueFactory = _ => defaults.Consistency,
        };
        var adoptCorrect = new Option<double>("--adopt-correct")
        {
            Description = "Phase III: chance of taking a differing AI suggestion when the AI is right.",
            DefaultValueFactory = _ => defaults.AdoptCorrectSuggestion,
        };
        var adoptWrong = new Option<double>("--adopt-wrong")
        {
            Description = "Phase III: chance of taking a differing AI suggestion when the AI is wrong.",
            DefaultValueFactory = _ => defaults.AdoptWrongSuggestion,
        };

        var command = new HipFxCommand("simulate",
            "Simulate reads of a reader study (three phases, AI help in phase III) from a seeded reader model.");
        command.MapKey(nameof(ReadSimulationOptions.AdoptCorrectSuggestion), adoptCorrect).MapKey(nameof(ReadSimulationOptions.AdoptWrongSuggestion), adoptWrong);
        foreach (var option in new Option[] { truth, split, output, ai, aiOut, readerCount, seed, consistency, adoptCorrect, adoptWrong })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            int count = parse.GetValue(readerCount);
            if (count < 1)
            {
                throw new HipFxConfigException($"--reader-count must be at least 1, got {count}");
            }
            var run = new ReadSimulationRun
            {
                TruthPath = parse.GetValue(truth)!.FullName,
                TruthSplit = parse.GetValue(split),
                ModelAuditPath = parse.GetValue(ai)?.FullName,
                ReadsPath = parse.GetValue(output)!.FullName,
                AiAuditOutPath = parse.GetValue(aiOut)?.FullName,
                Simulation = new ReadSimulationOptions
                {
                    Readers = ReaderProfile.Default(count),
                    Seed = parse.GetValue(seed),
                    Consistency = parse.GetValue(consistency),
                    AdoptCorrectSuggestion = parse.GetValue(adoptCorrect),
                    AdoptWrongSuggestion = parse.GetValue(adoptWrong),
                },
            };
            var (simulation, files) = ReadSimulationRunner.Run(run);
            var writer = parse.InvocationConfiguration.Output;
            int images = simulation.Ai.Count;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Simulated {simulation.Reads.Count} reads: {count} readers × {images} images × {run.Simulation.Phases.Count} phases (seed {run.Simulation.Seed})."));
            writer.WriteLine($"Reads: {files[0]}");
            if (files.Count > 1)
            {
                writer.WriteLine($"Simulated AI audit: {files[1]}");
            }
            string splitArg = run.TruthSplit is { } sp ? $" --split {sp}" : "";
            writer.WriteLine($"Next: hipfx readers --truth {run.TruthPath}{splitArg} --reads {files[0]}" +
                             (files.Count > 1 ? $" --ai {files[1]}" : run.ModelAuditPath is { } a ? $" --ai {a}" : ""));
            return HipFxApp.ExitOk;
        });
        return command;
    }

    private static Option<string?> SplitOption() => new("--split")
    {
        Description = "Use only manifest rows of this split (e.g. external); needs a split column.",
    };

    private static IReadOnlyList<string>? SplitList(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static ReadingPhase Phase(string? text, string option) =>
        ReadingPhases.TryParse(text, out var phase)
            ? phase
            : throw new HipFxConfigException(
                $"{option}: unknown phase '{text}'{NameSuggestion.Hint(text ?? "", ReadingPhases.Names)}");
}
