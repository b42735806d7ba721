using System.Text;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Report;

/// <summary>What <c>hipfx report</c> wrote.</summary>
public sealed record RunReportResult(string Path, long Bytes, ReportDocument Document);

/// <summary><c>hipfx report RUN_DIR</c> as a layer call: build the document, render it, write it atomically (<see cref="AtomicFile"/>).</summary>
public static class RunReportRunner
{
    public static RunReportResult Run(RunReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var document = ReportDocumentBuilder.Build(options);
        byte[] html = new UTF8Encoding(false).GetBytes(HtmlReportWriter.Render(document));
        string path = Path.GetFullPath(options.ResolvedOutputPath);
        AtomicFile.WriteAllBytes(path, html);
        return new RunReportResult(path, html.Length, document);
    }
}
