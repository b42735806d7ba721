using System.Globalization;
using System.Text.Json.Nodes;

namespace HipFx.Cli.Tests.Tables;

/// <summary>
/// Compares a table JSON that <c>hipfx eval</c> wrote (rows of cells <c>{"text", "value"}</c>, rows named by their
/// first cell) with an expected one, cell by cell: every numeric expected value must be matched within the tolerance
/// of its column (<c>tolerances.json</c>: <c>{"columns": {"ap50": 0.1, ...}, "default": 0.05}</c>); a value missing
/// (null) on one side only is a difference. <c>"rows"</c>, when present, names the rows compared (the pooled rows:
/// per-class cells of a small test split move by a whole image) where the expected table has them; a table with none
/// of them is a difference, so a misspelt name cannot make the comparison empty.
/// <c>"exact_denominators"</c> names columns whose cells show "(numerator/denominator)" with a denominator fixed by the
/// data, not by the model (a sensitivity's is the class's positives, a specificity's its negatives): those must be
/// equal, whatever the tolerance on the value, so a changed metric definition fails even when training noise is wide.
/// Returns every difference, so a failure shows the whole picture.
/// </summary>
internal static class TableComparison
{
    public static List<string> Differences(string table, JsonNode expected, JsonNode actual, JsonNode tolerances)
    {
        var differences = new List<string>();
        var actualRows = Rows(actual);
        var compared = tolerances["rows"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        var exact = tolerances["exact_denominators"]?.AsArray().Select(c => c!.GetValue<string>()).ToHashSet() ?? [];
        var expectedRows = Rows(expected);
        if (compared is not null && !compared.Any(expectedRows.ContainsKey))
        {
            differences.Add($"{table}: none of the compared rows ({string.Join(", ", compared)}) is in the expected table");
        }
        foreach (var (name, expectedRow) in expectedRows.Where(r => compared is null || compared.Contains(r.Key)))
        {
            if (!actualRows.TryGetValue(name, out var actualRow))
            {
                differences.Add($"{table}: row '{name}' missing");
                continue;
            }
            foreach (var (column, cell) in expectedRow)
            {
                if (exact.Contains(column) && Denominator(cell) is { } wantDenominator && Denominator(actualRow[column]) != wantDenominator)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{table} [{name}].{column}: denominator expected {wantDenominator} (fixed by the data), got '{actualRow[column]?["text"]}'"));
                }
                double? want = Value(cell);
                double? got = Value(actualRow[column]);
                if (want is null && got is null)
                {
                    continue;
                }
                double tolerance = Tolerance(tolerances, column);
                if (want is null || got is null || Math.Abs(want.Value - got.Value) > tolerance + 1e-9)
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{table} [{name}].{column}: expected {Show(want)} ± {tolerance}, got {Show(got)}"));
                }
            }
        }
        return differences;
    }

    /// <summary>The numeric value of the cell in row <paramref name="row"/>, column <paramref name="column"/> (null: n/a).</summary>
    public static double? Cell(JsonNode table, string row, string column) =>
        Rows(table).TryGetValue(row, out var cells) ? Value(cells[column]) : throw new KeyNotFoundException($"no row '{row}'");

    private static Dictionary<string, JsonObject> Rows(JsonNode table) =>
        table["rows"]!.AsArray().Select(r => r!.AsObject())
            .ToDictionary(r => r.First().Value!["text"]!.GetValue<string>(), r => r);

    private static readonly System.Text.RegularExpressions.Regex Fraction = new(@"\((\d+)/(\d+)\)");

    /// <summary>The denominator of the "(a/b)" a proportion cell shows, or null.</summary>
    private static int? Denominator(JsonNode? cell) =>
        cell?["text"] is JsonValue v && v.TryGetValue(out string? text) && Fraction.Match(text) is { Success: true } m
            ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)
            : null;

    private static double? Value(JsonNode? cell) =>
        cell?["value"] is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static double Tolerance(JsonNode tolerances, string column) =>
        tolerances["columns"]?[column]?.GetValue<double>() ?? tolerances["default"]!.GetValue<double>();

    private static string Show(double? v) => v is null ? "n/a" : v.Value.ToString("0.####", CultureInfo.InvariantCulture);
}
