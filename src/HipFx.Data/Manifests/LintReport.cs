namespace HipFx.Data.Manifests;

/// <summary>How often one class name occurs, and what it maps to (null: unknown).</summary>
public sealed record ClassNameCount(string Name, string? MapsTo, int Boxes, int Images);

/// <summary>What <see cref="DatasetLinter"/> found: every issue, per-name class counts and totals.</summary>
public sealed record LintReport
{
    /// <summary>The folder or manifest linted.</summary>
    public required string Dataset { get; init; }

    public required IReadOnlyList<LintIssue> Issues { get; init; }

    /// <summary>Per class name as written in the XML files, sorted by name.</summary>
    public required IReadOnlyList<ClassNameCount> ClassCounts { get; init; }

    public int Images { get; init; }

    public int Annotations { get; init; }

    public int Boxes { get; init; }

    /// <summary>Images confirmed without fracture (manifest label, or a verified XML with no boxes).</summary>
    public int Negatives { get; init; }

    /// <summary>Images with neither boxes nor a confirmed negative.</summary>
    public int Unreviewed { get; init; }

    public int Errors => Issues.Count(i => i.Severity == LintSeverity.Error);

    public int Warnings => Issues.Count(i => i.Severity == LintSeverity.Warning);

    public bool HasErrors => Errors > 0;
}
