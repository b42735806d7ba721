namespace HipFx.Bench;

/// <summary>Prints a Markdown table (header, separator, rows) to the console as rows arrive.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    public void PrintHeader()
    {
        Console.WriteLine("| " + string.Join(" | ", headers) + " |");
        Console.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
    }

    public void PrintRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row has {cells.Length} cells, the table {headers.Length} columns");
        }
        Console.WriteLine("| " + string.Join(" | ", cells) + " |");
    }
}
