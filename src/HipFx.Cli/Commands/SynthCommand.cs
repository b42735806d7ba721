using HipFx.Cli.Output;
using System.CommandLine;
using System.Globalization;
using HipFx.Core;
using HipFx.Data.Synth;
using Spectre.Console;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx synth</c>: a synthetic hip-radiograph dataset shaped like the paper's.</summary>
internal sealed class SynthCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var output = new Option<string>("--out") { Description = "Output folder (created if missing).", Required = true };
        var count = new Option<int>("--count") { Description = "Total number of images (internal + external), in the paper's class proportions.", DefaultValueFactory = _ => 200 };
        var seed = new Option<long>("--seed") { Description = "Random seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size") { Description = "Image side in pixels.", DefaultValueFactory = _ => 1024 };
        var format = new Option<string>("--format") { Description = "dicom (CR, as a PACS export) or png (16-bit).", DefaultValueFactory = _ => "dicom" };
        format.AcceptOnlyFromAmong("dicom", "png");
        var difficulty = new Option<string>("--difficulty") { Description = "easy, medium, hard, or a number from 0 (textbook) to 1 (subtle; DF and VF alike).", DefaultValueFactory = _ => "medium" };
        var institutions = new Option<string>("--institutions") { Description = "Institutions and optional weights, e.g. A,B,C or A:0.7,B:0.3 (A, B internal; C external).", DefaultValueFactory = _ => "A,B,C" };
        var preview = new Option<bool>("--preview") { Description = "Also write preview.png: examples per class and institution with boxes." };
        var workers = new Option<int>("--workers") { Description = "Threads; 0 = one per core.", DefaultValueFactory = _ => 0 };
        var bench = new Option<bool>("--bench") { Description = "Measure generation speed (images/s, table + synth-bench.json in --out) instead of writing a dataset; uses --count images." };

        var command = new Command("synth", "Write a synthetic hip-radiograph dataset (DICOM or PNG, LabelImg VOC, manifest.csv) shaped like the paper's.");
        foreach (var option in new Option[] { output, count, seed, size, format, difficulty, institutions, preview, workers, bench })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var options = new SynthOptions
            {
                OutputFolder = parse.GetValue(output)!,
                Count = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                Size = parse.GetValue(size),
                Format = parse.GetValue(format) == "png" ? SynthFormat.Png : SynthFormat.Dicom,
                Difficulty = ParseDifficulty(parse.GetValue(difficulty)!),
                Institutions = ParseInstitutions(parse.GetValue(institutions)!),
                Preview = parse.GetValue(preview),
                Workers = parse.GetValue(workers),
            }.Validate();
            var console = CliConsole.For(parse.InvocationConfiguration.Output, 120);
            if (parse.GetValue(bench))
            {
                RunBench(console, options);
                return HipFxApp.ExitOk;
            }
            var summary = SyntheticDataset.Generate(options);
            Report(console, summary, options);
            return HipFxApp.ExitOk;
        });
        return command;
    }

    internal static double ParseDifficulty(string text) => text.Trim().ToLowerInvariant() switch
    {
        "easy" => 0.2,
        "medium" => 0.5,
        "hard" => 0.85,
        var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new HipFxConfigException($"synth: --difficulty must be easy, medium, hard or a number in [0, 1], got '{text}'"),
    };

    internal static IReadOnlyList<InstitutionProfile> ParseInstitutions(string text)
    {
        var result = new List<InstitutionProfile>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2, StringSplitOptions.TrimEntries);
            var profile = InstitutionProfile.BuiltIn.FirstOrDefault(p => string.Equals(p.Code, pieces[0], StringComparison.OrdinalIgnoreCase))
                ?? throw new HipFxConfigException($"synth: unknown institution '{pieces[0]}' in --institutions; known: {string.Join(", ", InstitutionProfile.BuiltIn.Select(p => p.Code))}");
            if (pieces.Length == 2)
            {
                if (!double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !(weight > 0))
                {
                    throw new HipFxConfigException($"synth: --institutions: weight of institution {profile.Code} must be a positive number, got '{pieces[1]}'");
                }
                profile = profile with { Weight = weight };
            }
            result.Add(profile);
        }
        return result;
    }

    private static void Report(IAnsiConsole console, SynthSummary summary, SynthOptions options)
    {
        var table = new Table().AddColumn("institution");
        foreach (var label in ClassNames.ImageLabels)
        {
            table.AddColumn(new TableColumn(label.PaperName()).RightAligned());
        }
        table.AddColumn(new TableColumn("total").RightAligned());
        foreach (var inst in summary.Counts.Keys.Select(k => k.Institution).Distinct().Order())
        {
            var cells = new List<string> { inst };
            cells.AddRange(ClassNames.ImageLabels.Select(l => summary.Counts.GetValueOrDefault((inst, l)).ToString(CultureInfo.InvariantCulture)));
            cells.Add(summary.Counts.Where(kv => kv.Key.Institution == inst).Sum(kv => kv.Value).ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        console.WriteLine(FormattableString.Invariant(
            $"{summary.Images} images of {summary.Patients} patients, {options.Size}x{options.Size} {options.Format.ToString().ToLowerInvariant()}, difficulty {options.Difficulty:0.##}, seed {options.Seed}"));
        console.WriteLine($"manifest: {summary.ManifestPath}");
        if (summary.PreviewPath is not null)
        {
            console.WriteLine($"preview:  {summary.PreviewPath}");
        }
        console.WriteLine(FormattableString.Invariant(
            $"took {summary.Elapsed.TotalSeconds:0.0} s on {summary.Workers} threads ({summary.ImagesPerSecond:0.0} images/s)"));
    }

    private static void RunBench(IAnsiConsole console, SynthOptions options)
    {
        var rows = SynthBenchmark.Run(options, options.Count);
        var table = new Table().AddColumn("stage").AddColumn(new TableColumn("workers").RightAligned())
            .AddColumn(new TableColumn("images").RightAligned()).AddColumn(new TableColumn("seconds").RightAligned())
            .AddColumn(new TableColumn("images/s").RightAligned()).AddColumn(new TableColumn("images/s/worker").RightAligned())
            .AddColumn(new TableColumn("cpu s").RightAligned()).AddColumn(new TableColumn("images/cpu-s").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(r.Stage, r.Workers.ToString(CultureInfo.InvariantCulture), r.Images.ToString(CultureInfo.InvariantCulture),
                r.Seconds.ToString("0.00", CultureInfo.InvariantCulture), r.ImagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                r.ImagesPerSecondPerWorker.ToString("0.0", CultureInfo.InvariantCulture),
                r.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture), r.ImagesPerCpuSecond.ToString("0.0", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        console.WriteLine($"{options.Size}x{options.Size}, {Environment.ProcessorCount} cores; JSON: {Path.Combine(Path.GetFullPath(options.OutputFolder), "synth-bench.json")}");
    }
}
