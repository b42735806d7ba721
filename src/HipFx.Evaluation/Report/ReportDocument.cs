using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// The run report as content, before HTML: sections of blocks, in reading order, plus the sections the run does not
/// have and why. <see cref="HtmlReportWriter"/> renders it; tests read it directly.
/// </summary>
public sealed record ReportDocument(
    string Title,
    DateTimeOffset GeneratedUtc,
    string GeneratorVersion,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<MissingSection> Missing)
{
    /// <summary>Every table block of every section, in order.</summary>
    public IEnumerable<TableBlock> Tables => Sections.SelectMany(s => s.Blocks).OfType<TableBlock>();

    /// <summary>Every figure of every section (in groups too), in order.</summary>
    public IEnumerable<FigureBlock> Figures => Sections.SelectMany(s => s.Blocks)
        .SelectMany(b => b switch { FigureBlock f => [f], FigureGroupBlock g => g.Figures, _ => Enumerable.Empty<FigureBlock>() });
}

/// <summary>One section: <paramref name="Id"/> is its HTML id (stable, for links and tests).</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks);

/// <summary>A section the run does not have: its id and title, and what would produce it.</summary>
public sealed record MissingSection(string Id, string Title, string Reason);

/// <summary>One piece of a section.</summary>
public abstract record ReportBlock;

/// <summary>A sub-heading.</summary>
public sealed record HeadingBlock(string Text) : ReportBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A remark set apart (a caveat, a missing piece inside a present section).</summary>
public sealed record NoteBlock(string Text) : ReportBlock;

/// <summary>A bulleted list of plain-text items.</summary>
public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>Name/value facts, rendered as a two-column table with row headers.</summary>
public sealed record FactsBlock(string Id, string Caption, IReadOnlyList<KeyValuePair<string, string>> Facts) : ReportBlock;

/// <summary>Verbatim text (a config, a JSON file) behind a collapsible summary line.</summary>
public sealed record DetailsBlock(string Summary, string Text) : ReportBlock;

/// <summary>The outcome of one cross-check between the run's files (same manifest, same τ...).</summary>
public sealed record ConsistencyCheck(string What, bool Passed, string Detail);

/// <summary>The run's cross-checks, each passed or failed with its detail.</summary>
public sealed record ChecksBlock(IReadOnlyList<ConsistencyCheck> Checks) : ReportBlock;

/// <summary>
/// A table exactly as a run's JSON holds it (<paramref name="Source"/>: the file, relative to the run folder; null
/// for a table made here), with the paper's published values appended as extra columns when they apply.
/// </summary>
public sealed record TableBlock(string Id, string? Source, ResultTable Table, IReadOnlyList<PaperColumn> Paper) : ReportBlock
{
    /// <summary>Why the paper's columns are (or are not) beside this table; null when the question does not arise.</summary>
    public string? PaperNote { get; init; }
}

/// <summary>
/// A column of the paper's published values, one per row of the table it sits in (null: the paper has no such row),
/// shown with two decimals as printed, right after the run's column <paramref name="AfterKey"/> (at the end when the
/// table has no such column).
/// </summary>
public sealed record PaperColumn(string Key, string Header, string AfterKey, IReadOnlyList<double?> Values);

/// <summary>A PNG picture, embedded; <paramref name="Alt"/> describes it for screen readers.</summary>
public sealed record FigureBlock(string Id, string? Source, byte[] Png, string Alt, string Caption) : ReportBlock;

/// <summary>Pictures shown side by side where the page is wide enough (one under the other on narrow screens).</summary>
public sealed record FigureGroupBlock(IReadOnlyList<FigureBlock> Figures) : ReportBlock;
