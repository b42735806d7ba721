using HipFx.Evaluation.Tables;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HipFx.Cli.Output;

/// <summary>Prints a <see cref="ResultTable"/> in the terminal (Spectre.Console), to the command's output writer.</summary>
public static class ResultTableRenderer
{
    /// <summary>A Spectre table: title, header row, rows, and the footnotes (plus the stamp when asked) as the caption.</summary>
    public static Table ToSpectre(ResultTable table, bool includeStamp = true)
    {
        var t = new Table { Title = new TableTitle(Markup.Escape(table.Title)), Border = TableBorder.Rounded };
        foreach (var c in table.Columns)
        {
            t.AddColumn(new Spectre.Console.TableColumn(Markup.Escape(c.Header)));
        }
        foreach (var row in table.Rows)
        {
            t.AddRow(row.Select(c => (IRenderable)new Text(c.Text)).ToArray());
        }
        var caption = includeStamp ? table.Footnotes.Append(StampLine(table.Stamp)) : table.Footnotes;
        if (caption.Any())
        {
            t.Caption = new TableTitle(Markup.Escape(string.Join("\n", caption)));
        }
        return t;
    }

    /// <summary>The stamp on one line: "model: … · split: … · tau: …".</summary>
    public static string StampLine(RunStamp stamp) => string.Join(" · ", stamp.Entries.Select(e => $"{e.Key}: {e.Value}"));

    /// <summary>
    /// Writes the table to <paramref name="output"/>: with colours only when that is the real, unredirected
    /// console; plain text otherwise (files, pipes, tests).
    /// </summary>
    public static void Write(TextWriter output, ResultTable table, bool includeStamp = true, int width = 160)
    {
        var console = CliConsole.For(output, width);
        console.Write(ToSpectre(table, includeStamp));
    }
}
