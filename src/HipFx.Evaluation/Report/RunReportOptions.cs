using HipFx.Core;

namespace HipFx.Evaluation.Report;

/// <summary>One <c>hipfx report</c>: which run folder to describe and where the HTML goes.</summary>
public sealed record RunReportOptions
{
    /// <summary>The run folder (<c>runs/&lt;name&gt;</c>, the layout <c>hipfx train</c> writes).</summary>
    public required string RunFolder { get; init; }

    /// <summary>The HTML file to write. Default: <c>report.html</c> in the run folder.</summary>
    public string? OutputPath { get; init; }

    /// <summary>
    /// Show the paper's published numbers beside the tables that use the paper's setting (internal test for Table II,
    /// external for Table III, default decision rule). Default true.
    /// </summary>
    public bool ComparePaper { get; init; } = true;

    /// <summary>The time printed as "generated"; default now. Fixed by tests that compare two reports.</summary>
    public DateTimeOffset? GeneratedUtc { get; init; }

    /// <summary>The HTML path this run writes.</summary>
    public string ResolvedOutputPath => OutputPath ?? Path.Combine(RunFolder, RunFolderFiles.ReportFileName);

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the argument when the run folder is missing or the output is a folder.</summary>
    public RunReportOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(RunFolder))
        {
            throw new HipFxConfigException("RUN_DIR: give the run folder (runs/<name>)");
        }
        if (!Directory.Exists(RunFolder))
        {
            throw new HipFxConfigException($"RUN_DIR: no such folder: {RunFolder}");
        }
        if (OutputPath is { } o && (string.IsNullOrWhiteSpace(o) || Directory.Exists(o)))
        {
            throw new HipFxConfigException($"--out must name an HTML file, got '{o}'");
        }
        return this;
    }
}
