using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// A stamped table of results (Table II, Table III, a reader's table...): the one model every writer
/// (Markdown, CSV, JSON, the terminal) renders, so they always agree.
/// </summary>
public sealed record ResultTable
{
    public ResultTable(string title, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<TableCell>> rows,
        RunStamp stamp, IReadOnlyList<string>? footnotes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }
        var duplicate = columns.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Column key '{duplicate.Key}' appears twice.", nameof(columns));
        }
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != columns.Count)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Count} cells; the table has {columns.Count} columns.", nameof(rows));
            }
        }
        Title = title;
        Columns = columns;
        Rows = rows;
        Stamp = stamp;
        Footnotes = footnotes ?? [];
    }

    public string Title { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Rows of cells, one per column, in column order.</summary>
    public IReadOnlyList<IReadOnlyList<TableCell>> Rows { get; }

    public RunStamp Stamp { get; }

    /// <summary>Notes printed under the table (abbreviations, definitions, caveats).</summary>
    public IReadOnlyList<string> Footnotes { get; }

    /// <summary>A GitHub-flavoured Markdown section: title, the table, footnotes, then the stamp.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("## ").Append(Title).Append('\n').Append('\n');
        sb.Append("| ").AppendJoin(" | ", Columns.Select(c => Escape(c.Header))).Append(" |\n");
        sb.Append('|').AppendJoin('|', Columns.Select(_ => "---")).Append("|\n");
        foreach (var row in Rows)
        {
            sb.Append("| ").AppendJoin(" | ", row.Select(c => Escape(c.Text))).Append(" |\n");
        }
        sb.Append('\n');
        foreach (var note in Footnotes)
        {
            sb.Append(note).Append("  \n");
        }
        if (Footnotes.Count > 0)
        {
            sb.Append('\n');
        }
        sb.Append("Run: ").AppendJoin(" · ", Stamp.Entries.Select(e => $"{e.Key} `{e.Value}`")).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// CSV, one line per row. The stamp comes first as <c># key: value</c> lines (read with
    /// <c>pandas.read_csv(path, comment='#')</c>). Numeric columns hold the value (empty when undefined),
    /// followed by <c>_lower</c>/<c>_upper</c> and <c>_numerator</c>/<c>_n</c> columns when any cell has them.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        foreach (var entry in Stamp.Entries)
        {
            writer.Write("# ");
            writer.Write(entry.Key);
            writer.Write(": ");
            writer.Write(entry.Value.ReplaceLineEndings(" "));
            writer.Write('\n');
        }
        var layout = Columns.Select((c, i) => CsvColumnLayout.Of(c, Rows.Select(r => r[i]))).ToList();
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var col in layout)
        {
            foreach (var header in col.Headers())
            {
                csv.WriteField(header);
            }
        }
        csv.NextRecord();
        foreach (var row in Rows)
        {
            for (int i = 0; i < layout.Count; i++)
            {
                foreach (var field in layout[i].Fields(row[i]))
                {
                    csv.WriteField(field);
                }
            }
            csv.NextRecord();
        }
    }

    /// <summary>JSON: title, stamp, columns, rows (objects keyed by column key), footnotes.</summary>
    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", Title);
        json.WriteStartObject("stamp");
        foreach (var entry in Stamp.Entries)
        {
            json.WriteString(entry.Key, entry.Value);
        }
        json.WriteEndObject();
        json.WriteStartArray("columns");
        foreach (var c in Columns)
        {
            json.WriteStartObject();
            json.WriteString("key", c.Key);
            json.WriteString("header", c.Header);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in Rows)
        {
            json.WriteStartObject();
            for (int i = 0; i < Columns.Count; i++)
            {
                json.WritePropertyName(Columns[i].Key);
                WriteCell(json, row[i]);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("footnotes");
        foreach (var note in Footnotes)
        {
            json.WriteStringValue(note);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <c>{baseName}.md</c>, <c>.csv</c> and <c>.json</c> into <paramref name="folder"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteAll(string folder, string baseName)
    {
        Directory.CreateDirectory(folder);
        string md = Path.Combine(folder, baseName + ".md");
        string csv = Path.Combine(folder, baseName + ".csv");
        string json = Path.Combine(folder, baseName + ".json");
        AtomicFile.WriteAllText(md, ToMarkdown());
        AtomicFile.WriteText(csv, WriteCsv);
        AtomicFile.Write(json, WriteJson);
        return [md, csv, json];
    }

    private static void WriteCell(Utf8JsonWriter json, TableCell cell)
    {
        json.WriteStartObject();
        json.WriteString("text", cell.Text);
        WriteNumber(json, "value", cell.Value);
        WriteNumber(json, "lower", cell.Lower);
        WriteNumber(json, "upper", cell.Upper);
        if (cell.Numerator is { } k)
        {
            json.WriteNumber("numerator", k);
        }
        if (cell.Denominator is { } n)
        {
            json.WriteNumber("n", n);
        }
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else if (name == "value")
        {
            json.WriteNull(name);
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");

    /// <summary>Which CSV fields one table column turns into.</summary>
    private sealed record CsvColumnLayout(string Key, bool Numeric, bool Interval, bool Numerator, bool Count)
    {
        public static CsvColumnLayout Of(TableColumn column, IEnumerable<TableCell> cells)
        {
            var list = cells.ToList();
            bool numeric = list.Any(c => c.Value is not null || c.Numerator is not null || c.Denominator is not null);
            return new CsvColumnLayout(column.Key, numeric,
                list.Any(c => c.Lower is not null), list.Any(c => c.Numerator is not null), list.Any(c => c.Denominator is not null));
        }

        public IEnumerable<string> Headers()
        {
            yield return Key;
            if (Interval) { yield return Key + "_lower"; yield return Key + "_upper"; }
            if (Numerator) { yield return Key + "_numerator"; }
            if (Count) { yield return Key + "_n"; }
        }

        public IEnumerable<string> Fields(TableCell cell)
        {
            yield return Numeric ? Format(cell.Value) : cell.Text;
            if (Interval) { yield return Format(cell.Lower); yield return Format(cell.Upper); }
            if (Numerator) { yield return cell.Numerator?.ToString(CultureInfo.InvariantCulture) ?? ""; }
            if (Count) { yield return cell.Denominator?.ToString(CultureInfo.InvariantCulture) ?? ""; }
        }

        private static string Format(double? v) =>
            v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
    }
}
