using System.Net;
using System.Text.RegularExpressions;

namespace HipFx.Tests;

/// <summary>One cell of a report table as HTML shows it: its column key, its text and its data-* numbers.</summary>
internal sealed record HtmlCell(string Key, string Text, IReadOnlyDictionary<string, string> Data);

/// <summary>One table of a report: its id, the run file it quotes (data-source), column keys, rows of cells.</summary>
internal sealed record HtmlTable(string Id, string? Source, IReadOnlyList<string> ColumnKeys, IReadOnlyList<IReadOnlyList<HtmlCell>> Rows);

/// <summary>
/// Reads the tables of a hipfx report out of HTML, as written or as a browser serialises its DOM (attributes in
/// double quotes, entities for &amp; &lt; &gt; &quot; and &amp;nbsp;). Enough for the report's own markup; not a
/// general HTML parser.
/// </summary>
internal static partial class HtmlTables
{
    public static IReadOnlyDictionary<string, HtmlTable> Parse(string html)
    {
        var tables = new Dictionary<string, HtmlTable>(StringComparer.Ordinal);
        foreach (Match t in TableRegex().Matches(html))
        {
            var attributes = Attributes(t.Groups["attrs"].Value);
            if (!attributes.TryGetValue("id", out string? id))
            {
                continue;
            }
            string body = t.Groups["body"].Value;
            var head = TheadRegex().Match(body);
            var columns = head.Success ? CellRegex().Matches(head.Value).Select(c => Attributes(c.Groups["attrs"].Value).GetValueOrDefault("data-key", "")).ToList() : [];
            var rows = new List<IReadOnlyList<HtmlCell>>();
            var tbody = TbodyRegex().Match(body);
            foreach (Match row in RowRegex().Matches(tbody.Success ? tbody.Value : body))
            {
                rows.Add(CellRegex().Matches(row.Value).Select(c =>
                {
                    var a = Attributes(c.Groups["attrs"].Value);
                    var data = a.Where(kv => kv.Key.StartsWith("data-", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
                    return new HtmlCell(a.GetValueOrDefault("data-key", ""), Text(c.Groups["body"].Value), data);
                }).ToList());
            }
            tables[id] = new HtmlTable(id, attributes.GetValueOrDefault("data-source"), columns, rows);
        }
        return tables;
    }

    /// <summary>The text of an HTML fragment: tags dropped, entities decoded, non-breaking spaces as spaces.</summary>
    public static string Text(string fragment) => WebUtility.HtmlDecode(TagRegex().Replace(fragment, "")).Replace('\u00A0', ' ');

    private static Dictionary<string, string> Attributes(string text) =>
        AttributeRegex().Matches(text).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);

    [GeneratedRegex("<table(?<attrs>[^>]*)>(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TableRegex();

    [GeneratedRegex("<thead>.*?</thead>", RegexOptions.Singleline)]
    private static partial Regex TheadRegex();

    [GeneratedRegex("<tbody>.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex TbodyRegex();

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<(?<tag>t[hd])(?<attrs>(?:\\s[^>]*)?)>(?<body>.*?)</\\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();

    [GeneratedRegex("(?<name>[a-zA-Z-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex AttributeRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();
}
