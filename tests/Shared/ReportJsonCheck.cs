using System.Globalization;
using System.Text.Json;

namespace HipFx.Tests;

/// <summary>
/// Checks a report's tables against the run's JSON files they quote (data-source): same columns in order (the paper's
/// columns aside), same rows, each cell's text and numbers equal to the JSON's. Reads the JSON with JsonDocument, not
/// with the report's own reader.
/// </summary>
internal static class ReportJsonCheck
{
    /// <summary>Asserts every sourced table equals its JSON; returns how many tables were checked.</summary>
    public static int AssertTablesMatchJson(IReadOnlyDictionary<string, HtmlTable> tables, string runFolder)
    {
        int checkedTables = 0;
        foreach (var table in tables.Values.Where(t => t.Source is not null))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(runFolder, table.Source!)));
            var columns = json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
            Assert.Equal(columns, table.ColumnKeys.Where(k => !k.StartsWith("paper_", StringComparison.Ordinal)).ToList());
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.True(rows.Count == table.Rows.Count, $"{table.Id}: {table.Rows.Count} rows in the HTML, {rows.Count} in {table.Source}");
            for (int r = 0; r < rows.Count; r++)
            {
                var cells = table.Rows[r].Where(c => !c.Key.StartsWith("paper_", StringComparison.Ordinal)).ToList();
                Assert.Equal(columns, cells.Select(c => c.Key).ToList());
                foreach (var cell in cells)
                {
                    var expected = rows[r].GetProperty(cell.Key);
                    string where = $"{table.Id} ({table.Source}) row {r} column {cell.Key}";
                    Assert.True(expected.GetProperty("text").GetString() == cell.Text,
                        $"{where}: HTML '{cell.Text}', JSON '{expected.GetProperty("text").GetString()}'");
                    foreach (var (property, attribute) in new[] { ("value", "data-value"), ("lower", "data-lower"), ("upper", "data-upper"), ("numerator", "data-numerator"), ("n", "data-n") })
                    {
                        bool inJson = expected.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number;
                        bool inHtml = cell.Data.TryGetValue(attribute, out string? shown);
                        Assert.True(inJson == inHtml, $"{where}: {property} {(inJson ? "missing from" : "not in the JSON but in")} the HTML");
                        if (inJson)
                        {
                            Assert.True(v.GetDouble() == double.Parse(shown!, CultureInfo.InvariantCulture), $"{where}: {property} HTML {shown}, JSON {v.GetRawText()}");
                        }
                    }
                }
            }
            checkedTables++;
        }
        return checkedTables;
    }
}
