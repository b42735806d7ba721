using HipFx.Evaluation.Tables;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HipFx.Cli.Output;

/// <summary>Prints a <see cref="ResultTable"/> in the terminal (Spectre.Console), to the command's output writer.</summary>
public static class ResultTableRenderer
{
    /// <summary>A Spectre table: title, header row, rows, footnotes and stamp as the caption.</summary>
    public static Table ToSpectre(ResultTable table)
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
        var caption = table.Footnotes.Concat([string.Join(" · ", table.Stamp.Entries.Select(e => $"{e.Key}: {e.Value}"))]);
        t.Caption = new TableTitle(Markup.Escape(string.Join("\n", caption)));
        return t;
    }

    /// <summary>Writes the table to <paramref name="output"/> (plain when it is not a terminal).</summary>
    public static void Write(TextWriter output, ResultTable table, int width = 160)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Write(ToSpectre(table));
    }
}
