using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Data.Files;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// A header-addressed CSV reader for the reader-study inputs (CsvHelper underneath): column names are matched
/// trimmed and case-insensitively, all missing required columns are reported in one error with the closest
/// column found, each row reports its 1-based line number, and lines starting with '#' (the stamp lines hipfx
/// writes atop its CSVs) are skipped.
/// </summary>
internal sealed class CsvColumns : IDisposable
{
    private readonly StreamReader stream;
    private readonly CsvReader csv;
    private readonly HashSet<string> header;

    private CsvColumns(string path, StreamReader stream, CsvReader csv, HashSet<string> header)
    {
        Path = path;
        this.stream = stream;
        this.csv = csv;
        this.header = header;
    }

    public string Path { get; }

    /// <summary>Opens <paramref name="path"/>, requiring <paramref name="required"/> columns.</summary>
    public static CsvColumns Open(string path, string what, params string[] required)
    {
        var stream = new StreamReader(InputFile.OpenRead(path, what: what)); // a regular file only (a FIFO would hang)
        var csv = new CsvReader(stream, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            AllowComments = true, // '# key: value' stamp lines, as hipfx's own CSVs (the eval audit) begin
            Comment = '#',
        });
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new HipFxDataException($"{what} is empty: expected a header with {string.Join(", ", required)}", path);
            }
            var header = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
            var missing = required.Where(r => !header.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                var hints = missing.Select(m => $"'{m}'{NameSuggestion.Hint(m, csv.HeaderRecord)}");
                throw new HipFxDataException(
                    $"{what} lacks required column(s) {string.Join(", ", hints)}; found columns: {string.Join(", ", csv.HeaderRecord.Take(20).Select(h => Echo.Text(h, 40)))}",
                    path, "line 1");
            }
            return new CsvColumns(path, stream, csv, header);
        }
        catch
        {
            csv.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next data row; false at the end.</summary>
    public bool Next()
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException e)
        {
            throw new HipFxDataException($"unreadable CSV: {Echo.Text(e.Message.Split('\n')[0], 200)}", Path, $"line {csv.Parser.RawRow}", e);
        }
    }

    /// <summary>1-based line of the current row.</summary>
    public int Line => csv.Parser.RawRow;

    /// <summary>The trimmed field of the current row, or null when the column is absent or the field empty.</summary>
    public string? Get(string column)
    {
        if (!header.Contains(column))
        {
            return null;
        }
        string? value = csv.GetField(column);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public void Dispose()
    {
        csv.Dispose();
        stream.Dispose();
    }
}
