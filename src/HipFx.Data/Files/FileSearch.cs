namespace HipFx.Data.Files;

/// <summary>A path that was found but will not be read, and why (for the caller to report).</summary>
public sealed record SkippedPath(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>What a search found: regular files in ordinal path order, and what it passed over with a reason.</summary>
public sealed record FileSearch(IReadOnlyList<string> Files, IReadOnlyList<SkippedPath> Skipped);
