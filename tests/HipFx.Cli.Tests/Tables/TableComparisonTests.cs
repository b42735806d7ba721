using System.Text.Json.Nodes;
using HipFx.Tests;

namespace HipFx.Cli.Tests.Tables;

/// <summary>
/// The comparison behind the CI table reproduction, on the committed expected tables: a table equals itself, a cell
/// moved past its column's tolerance is reported with its row and column, a cell within it is not, and a value that
/// became n/a is a difference.
/// </summary>
public sealed class TableComparisonTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "expected", "ci-tables");

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!;

    [Fact]
    public void A_table_matches_itself_and_a_moved_cell_is_named()
    {
        var expected = Load("test-table2.json");
        var tolerances = Load("tolerances.json");
        Assert.Empty(TableComparison.Differences("t2", expected, expected, tolerances));

        double tolerance = tolerances["columns"]!["sensitivity"]!.GetValue<double>();
        var compared = tolerances["rows"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet();
        var row = expected["rows"]!.AsArray().Select(r => r!.AsObject())
            .First(r => r["sensitivity"]?["value"] is JsonValue && (compared is null || compared.Contains(r.First().Value!["text"]!.GetValue<string>())));
        string name = row.First().Value!["text"]!.GetValue<string>();
        double value = row["sensitivity"]!["value"]!.GetValue<double>();

        var within = expected.DeepClone();
        SetSensitivity(within, name, value + tolerance / 2);
        Assert.Empty(TableComparison.Differences("t2", expected, within, tolerances));

        var beyond = expected.DeepClone();
        SetSensitivity(beyond, name, value + tolerance * 2);
        var differences = TableComparison.Differences("t2", expected, beyond, tolerances);
        Assert.Contains(differences, d => d.Contains($"[{name}].sensitivity", StringComparison.Ordinal));

        var missing = expected.DeepClone();
        FindRow(missing, name)["sensitivity"]!["value"] = null;
        Assert.NotEmpty(TableComparison.Differences("t2", expected, missing, tolerances));
    }

    [Fact]
    public void Only_the_named_rows_are_compared_and_a_table_without_any_of_them_is_a_difference()
    {
        var expected = Load("test-table2.json");
        var tolerances = Load("tolerances.json").DeepClone();
        var rows = tolerances["rows"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        string perClass = "displaced_fnf";
        Assert.DoesNotContain(perClass, rows);

        var moved = expected.DeepClone();
        SetSensitivity(moved, perClass, 1 - FindRow(expected, perClass)["sensitivity"]!["value"]!.GetValue<double>() + 2);
        Assert.Empty(TableComparison.Differences("t2", expected, moved, tolerances));

        SetSensitivity(moved, "Micro AVG", FindRow(expected, "Micro AVG")["sensitivity"]!["value"]!.GetValue<double>() + 1);
        Assert.Contains(TableComparison.Differences("t2", expected, moved, tolerances), d => d.Contains("[Micro AVG].sensitivity", StringComparison.Ordinal));

        tolerances["rows"] = new JsonArray("Micro avg", "Mean mAP");
        Assert.Contains(TableComparison.Differences("t2", expected, expected, tolerances), d => d.Contains("none of the compared rows", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_denominator_is_a_difference_even_within_the_value_tolerance()
    {
        // Sensitivity computed as TP/(TP+FP) instead of TP/(TP+FN): the value may stay within a wide tolerance, the
        // denominator (the class's positives, fixed by the data) does not.
        var expected = Load("external-table3.json");
        var tolerances = Load("tolerances.json");
        Assert.Contains("sensitivity", tolerances["exact_denominators"]!.AsArray().Select(c => c!.GetValue<string>()));
        var row = FindRow(expected, "Micro AVG");
        string text = row["sensitivity"]!["text"]!.GetValue<string>();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"\((\d+)/(\d+)\)");
        Assert.True(match.Success, text);
        var changed = expected.DeepClone();
        FindRow(changed, "Micro AVG")["sensitivity"]!["text"] = text.Replace(match.Value, $"({match.Groups[1].Value}/{int.Parse(match.Groups[2].Value) + 5})", StringComparison.Ordinal);
        Assert.Contains(TableComparison.Differences("t3", expected, changed, tolerances), d => d.Contains("[Micro AVG].sensitivity: denominator", StringComparison.Ordinal));
    }

    [Fact]
    public void Committed_expected_tables_name_no_machine_path()
    {
        foreach (string file in Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith("tolerances.json", StringComparison.Ordinal)))
        {
            var stamp = Load(Path.GetFileName(file))["stamp"]!.AsObject();
            Assert.DoesNotContain(stamp, kv => kv.Value is JsonValue v && v.TryGetValue(out string? text)
                && (text.StartsWith('/') || text.Contains(" /", StringComparison.Ordinal)));
        }
    }

    private static JsonObject FindRow(JsonNode table, string name) =>
        table["rows"]!.AsArray().Select(r => r!.AsObject()).First(r => r.First().Value!["text"]!.GetValue<string>() == name);

    private static void SetSensitivity(JsonNode table, string name, double value) => FindRow(table, name)["sensitivity"]!["value"] = value;
}
