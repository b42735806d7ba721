using HipFx.Core;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Reads the pieces of a run folder the report shows, by path relative to the folder: a table JSON as eval and readers
/// wrote it, a PNG as bytes. Absent files give null (the report leaves the piece out); a file present but unreadable
/// is an error naming it, never silently skipped.
/// </summary>
public sealed class ReportSources(RunFolderFiles files)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public RunFolderFiles Files { get; } = files;

    private readonly Dictionary<string, ResultTable> tables = new(StringComparer.Ordinal);

    public bool Exists(string relative) => File.Exists(Full(relative));

    /// <summary>The table at <paramref name="relative"/> (e.g. <c>eval-test/table2.json</c>), read once; null when absent.</summary>
    public ResultTable? ReadTable(string relative)
    {
        if (tables.TryGetValue(relative, out var table))
        {
            return table;
        }
        if (!Exists(relative))
        {
            return null;
        }
        return tables[relative] = ResultTableJson.Read(Full(relative));
    }

    /// <summary>The table at <paramref name="relative"/> as a block under HTML id <paramref name="id"/>; null when absent.</summary>
    public TableBlock? Table(string id, string relative) =>
        ReadTable(relative) is { } table ? new TableBlock(id, relative, table, []) : null;

    /// <summary>The PNG at <paramref name="relative"/> as a figure; null when absent; not a PNG throws naming the file.</summary>
    public FigureBlock? Figure(string id, string relative, string alt, string caption)
    {
        string path = Full(relative);
        if (!File.Exists(path))
        {
            return null;
        }
        byte[] bytes = File.ReadAllBytes(path);
        if (!bytes.AsSpan().StartsWith(PngSignature))
        {
            throw new HipFxDataException("not a PNG picture (no PNG signature)", path);
        }
        return new FigureBlock(id, relative, bytes, alt, caption);
    }

    public string Full(string relative) => Path.Combine(Files.Folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
