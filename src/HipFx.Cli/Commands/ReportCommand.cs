using System.CommandLine;
using System.Globalization;
using HipFx.Evaluation.Report;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx report RUN_DIR</c>: one self-contained HTML report of a run (provenance, Table II/III, readers, curves, errors, model card).</summary>
internal sealed class ReportCommand : ICliCommand
{
    private readonly Argument<DirectoryInfo> run = new("run")
    {
        Description = "The run folder (runs/<name>): config.yaml, run.json, checkpoints, results.csv, tau.json, eval-test/, eval-external/, readers/.",
    };

    private readonly Option<FileInfo?> output = new("--out", "-o")
    {
        Description = "The HTML file to write (default: report.html in the run folder).",
    };

    private readonly Option<bool> noPaper = new("--no-paper")
    {
        Description = "Leave out the paper's published numbers (shown by default beside the tables that use the paper's setting).",
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("report",
            "Write one self-contained HTML report of a run (opens offline, prints cleanly): provenance, model card, Table II and III with the paper's numbers, reader study, training curves, error galleries.");
        command.Arguments.Add(run);
        command.Options.Add(output);
        command.Options.Add(noPaper);
        command.SetAction(parse =>
        {
            var result = RunReportRunner.Run(new RunReportOptions
            {
                RunFolder = parse.GetValue(run)!.FullName,
                OutputPath = parse.GetValue(output)?.FullName,
                ComparePaper = !parse.GetValue(noPaper),
            });
            var stdout = parse.InvocationConfiguration.Output;
            var document = result.Document;
            stdout.WriteLine($"Sections: {string.Join(", ", document.Sections.Select(s => s.Title))}");
            foreach (var missing in document.Missing)
            {
                stdout.WriteLine($"Not in this run: {missing.Title} ({missing.Reason})");
            }
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{document.Tables.Count()} tables, {document.Figures.Count()} pictures, {result.Bytes / 1024.0:0} KiB"));
            stdout.WriteLine($"Report: {result.Path}");
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
