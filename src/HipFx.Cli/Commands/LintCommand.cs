using HipFx.Cli.Output;
using System.CommandLine;
using System.Text.Json;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using Spectre.Console;
using HipFx.Core.IO;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx lint DATASET</c>: every problem of a folder of images + LabelImg XML files or of a manifest.</summary>
internal sealed class LintCommand : ICliCommand
{
    private readonly Argument<string> dataset = new("dataset")
    {
        Description = "A folder of images (.png/.jpg) and LabelImg XML files (searched recursively), or a manifest CSV.",
    };

    private readonly Option<string[]> classMap = new("--class-map")
    {
        Description = "Extra class-name alias, alias=class (class: a canonical name or DF/VF/SF/UF); repeatable. E.g. --class-map \"Garden 3=DF\".",
    };

    private readonly Option<FileInfo?> classMapFile = new("--class-map-file")
    {
        Description = "A file of alias=class lines (# comments) added to the default class map.",
    };

    private readonly Option<string> convention = new("--convention")
    {
        Description = "VOC box coordinates: labelimg_edge (LabelImg's, default) or voc_1based_inclusive (PASCAL devkit).",
        DefaultValueFactory = _ => "labelimg_edge",
    };

    private readonly Option<string> difficult = new("--difficult")
    {
        Description = "What <difficult>1 boxes become: keep (default, positives), ignore (neither rewarded nor punished), exclude (dropped, counted).",
        DefaultValueFactory = _ => "keep",
    };

    private readonly Option<double> minBox = new("--min-box")
    {
        Description = "Smallest box side accepted, in pixels.",
        DefaultValueFactory = _ => 2,
    };

    private readonly Option<bool> quick = new("--quick")
    {
        Description = "Read only image headers (size, completeness), do not decode pixels.",
    };

    private readonly Option<long> maxPixels = new("--max-pixels")
    {
        Description = "Refuse images larger than this many pixels (decompression-bomb guard).",
        DefaultValueFactory = _ => ImageLoadOptions.Default.MaxPixels,
    };

    private readonly Option<FileInfo?> json = new("--json")
    {
        Description = "Also write the full report (issues, class counts, totals) as JSON to this file.",
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new HipFxCommand("lint", "Check LabelImg annotations and images: XML, class names, boxes, sizes, missing/duplicate files, EXIF, unreviewed images. Exit 1 on errors.");
        command.MapKey(nameof(LintOptions.MinBoxSide), minBox);
        command.Arguments.Add(dataset);
        foreach (var option in new Option[] { classMap, classMapFile, convention, difficult, minBox, quick, maxPixels, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var options = new LintOptions
            {
                ClassMap = BuildClassMap(parse.GetValue(classMap) ?? [], parse.GetValue(classMapFile)),
                Convention = VocConventions.Parse(parse.GetValue(convention)!),
                Difficult = DifficultPolicies.Parse(parse.GetValue(difficult)!),
                MinBoxSide = parse.GetValue(minBox),
                DecodePixels = !parse.GetValue(quick),
                Images = new ImageLoadOptions { MaxPixels = parse.GetValue(maxPixels) },
            }.Validated();
            string path = parse.GetValue(dataset)!;
            var report = DatasetLinter.Lint(path, options);
            var output = parse.InvocationConfiguration.Output;
            Print(report, options, output);
            if (parse.GetValue(json) is { } jsonFile)
            {
                AtomicFile.WriteAllText(jsonFile.FullName, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }));
                output.WriteLine($"report: {jsonFile.FullName}");
            }
            return report.HasErrors ? HipFxApp.ExitFailure : HipFxApp.ExitOk;
        });
        return command;
    }

    /// <summary>The default class map plus the command line's aliases.</summary>
    internal static ClassMap BuildClassMap(IEnumerable<string> assignments, FileInfo? file)
    {
        var map = ClassMap.Default;
        if (file is not null)
        {
            map = map.WithFile(file.FullName);
        }
        foreach (var assignment in assignments)
        {
            map = map.WithAssignment(assignment);
        }
        return map;
    }

    private static void Print(LintReport report, LintOptions options, TextWriter output)
    {
        string root = Directory.Exists(report.Dataset) ? report.Dataset : Path.GetDirectoryName(Path.GetFullPath(report.Dataset))!;
        output.WriteLine($"hipfx lint {report.Dataset}");
        output.WriteLine($"  convention {options.Convention.ConfigName()}, difficult {options.Difficult.ConfigName()}, min box {options.MinBoxSide} px, {(options.DecodePixels ? "pixels decoded" : "headers only")}");
        foreach (var group in report.Issues.GroupBy(i => i.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine();
            output.WriteLine(Path.GetRelativePath(root, group.Key));
            foreach (var issue in group.OrderByDescending(i => i.Severity))
            {
                string where = issue.Location is null ? "" : $"{issue.Location}: ";
                output.WriteLine($"  {issue.Severity.ToString().ToLowerInvariant(),-7} {where}{issue.Message} [{issue.Code}]");
            }
        }
        output.WriteLine();
        var console = CliConsole.For(output, 120);
        var table = new Table().Border(TableBorder.Ascii).Title("class names");
        table.AddColumn("name in XML");
        table.AddColumn("maps to");
        table.AddColumn(new TableColumn("boxes").RightAligned());
        table.AddColumn(new TableColumn("images").RightAligned());
        foreach (var count in report.ClassCounts)
        {
            table.AddRow(Markup.Escape(count.Name), Markup.Escape(count.MapsTo ?? "UNKNOWN"), count.Boxes.ToString(), count.Images.ToString());
        }
        console.Write(table);
        output.WriteLine(
            $"{report.Images} images, {report.Annotations} annotations, {report.Boxes} boxes, {report.Negatives} confirmed negatives, {report.Unreviewed} unreviewed");
        var byCode = report.Issues.GroupBy(i => i.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}").ToList();
        output.WriteLine($"{report.Errors} error(s), {report.Warnings} warning(s){(byCode.Count == 0 ? "" : ": " + string.Join(", ", byCode))}");
    }
}
