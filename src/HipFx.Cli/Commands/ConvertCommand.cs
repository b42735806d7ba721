using HipFx.Cli.Output;
using System.CommandLine;
using System.Globalization;
using HipFx.Core;
using HipFx.Data.Dicom.Conversion;
using HipFx.Data.Dicom.Lut;
using Spectre.Console;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx convert --in DIR --out DIR</c>: DICOM to PNG with a pseudonymous manifest.</summary>
internal sealed class ConvertCommand : ICliCommand
{
    public const string SaltVariable = "HIPFX_SALT";

    private readonly Option<DirectoryInfo> input = new("--in")
    {
        Description = "Folder searched recursively for DICOM files (*.dcm, *.dicom, *.dic, no extension).",
        Required = true,
    };

    private readonly Option<DirectoryInfo> output = new("--out")
    {
        Description = "Output folder: images/<image_id>.png, manifest.csv, dicom_metadata.csv. A re-run resumes.",
        Required = true,
    };

    private readonly Option<string?> salt = new("--salt")
    {
        Description = $"Secret key of the pseudonymous patient/study/image ids (HMAC-SHA256). Default: ${SaltVariable}. Keep it secret; reuse it to keep ids stable.",
    };

    private readonly Option<string?> window = new("--window")
    {
        Description = "8-bit output through a window: auto (the file's VOI LUT or window, else min-max), none (min-max), or C,W (e.g. 500,2000). Default: 16-bit after the modality LUT.",
    };

    private readonly Option<int?> maxSize = new("--max-size")
    {
        Description = "Resize so the longest side is at most this many pixels, keeping the aspect ratio.",
    };

    private readonly Option<string?> institution = new("--institution")
    {
        Description = "Institution written to the manifest. Default: the InstitutionName tag, else 'unknown'.",
    };

    private readonly Option<int> jobs = new("--jobs", "-j")
    {
        Description = "Files converted in parallel. Default: one per core.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly Option<int> frame = new("--frame")
    {
        Description = "Frame (0-based) taken from multi-frame files.",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<bool> studyDate = new("--study-date")
    {
        Description = "Write study dates into the manifest (off by default: dates are identifying).",
    };

    private readonly Option<bool> overwrite = new("--overwrite")
    {
        Description = "Convert again files whose PNG already exists.",
    };

    private readonly Option<int> compression = new("--png-compression")
    {
        Description = "PNG zlib level 0-9 (1 is fast and nearly as small for radiographs).",
        DefaultValueFactory = _ => 1,
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("convert", "Convert DICOM to PNG (16-bit after the modality LUT, MONOCHROME1 inverted; or 8-bit windowed) with a pseudonymous manifest. Bad files are reported and skipped; exit 1 if any failed.");
        foreach (var option in new Option[] { input, output, salt, window, maxSize, institution, jobs, frame, studyDate, overwrite, compression })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var options = new DicomConvertOptions
            {
                InputFolder = parse.GetValue(input)!.FullName,
                OutputFolder = parse.GetValue(output)!.FullName,
                Salt = parse.GetValue(salt) ?? Environment.GetEnvironmentVariable(SaltVariable)
                    ?? throw new HipFxConfigException($"convert needs a salt for the pseudonymous ids: pass --salt SECRET or set {SaltVariable}"),
                Window = ParseWindow(parse.GetValue(window)),
                MaxSize = parse.GetValue(maxSize),
                Institution = parse.GetValue(institution),
                Parallelism = parse.GetValue(jobs),
                Frame = parse.GetValue(frame),
                IncludeStudyDate = parse.GetValue(studyDate),
                Overwrite = parse.GetValue(overwrite),
                PngCompressionLevel = parse.GetValue(compression),
            }.Validate();
            var console = CreateConsole(parse.InvocationConfiguration.Output);
            var report = RunWithProgress(console, options);
            Print(console, report);
            return report.Failed > 0 ? HipFxApp.ExitFailure : HipFxApp.ExitOk;
        });
        return command;
    }

    /// <summary>auto | none | C,W.</summary>
    internal static WindowChoice? ParseWindow(string? text)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "auto":
                return new WindowChoice.Auto();
            case "none":
                return new WindowChoice.None();
        }
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width)
            && width >= 1)
        {
            return new WindowChoice.Explicit(center, width);
        }
        throw new HipFxConfigException($"--window '{text}': expected auto, none, or centre,width with width >= 1 (e.g. --window 500,2000)");
    }

    private static IAnsiConsole CreateConsole(TextWriter output) => CliConsole.For(output);

    private static ConversionReport RunWithProgress(IAnsiConsole console, DicomConvertOptions options)
    {
        var total = DicomConverter.FindInputs(options.InputFolder).Files.Count;
        console.WriteLine($"convert {options.InputFolder} -> {options.OutputFolder}: {total} DICOM file(s), {options.Parallelism} job(s), "
            + (options.Window is null ? "16-bit PNG" : "8-bit PNG") + (options.MaxSize is { } m ? $", max side {m}" : ""));
        ConversionReport? report = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("converting", maxValue: Math.Max(total, 1));
                report = DicomConverter.Run(options, p => task.Value = p.Done);
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static void Print(IAnsiConsole console, ConversionReport report)
    {
        var summary = new Table().Border(TableBorder.Ascii).AddColumns("outcome", "files");
        summary.AddRow("converted", report.Converted.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("already done (resumed)", report.AlreadyDone.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("failed", report.Failed.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("burned-in annotation: YES", report.BurnedInAnnotations.ToString(CultureInfo.InvariantCulture));
        console.Write(summary);
        var failures = report.Results.Where(r => r.Outcome == ConversionOutcome.Failed).ToList();
        if (failures.Count > 0)
        {
            var table = new Table().Border(TableBorder.Ascii).AddColumns("failed file", "reason");
            foreach (var failure in failures)
            {
                table.AddRow(Markup.Escape(failure.RelativePath), Markup.Escape(failure.Reason ?? ""));
            }
            console.Write(table);
        }
        var seconds = report.Elapsed.TotalSeconds;
        console.WriteLine(FormattableString.Invariant(
            $"manifest: {report.ManifestPath}; DICOM metadata: {report.MetadataPath}; {report.Converted} converted in {seconds:F1} s ({(seconds > 0 ? report.Converted / seconds : 0):F1} images/s)"));
        if (report.BurnedInAnnotations > 0)
        {
            console.WriteLine($"warning: {report.BurnedInAnnotations} image(s) carry burned-in annotation (text in the pixels may identify the patient): see burned_in_annotation in {Path.GetFileName(report.MetadataPath)}");
        }
    }
}
