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
        var row = expected["rows"]!.AsArray().Select(r => r!.AsObject()).First(r => r["sensitivity"]?["value"] is JsonValue);
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

    private static JsonObject FindRow(JsonNode table, string name) =>
        table["rows"]!.AsArray().Select(r => r!.AsObject()).First(r => r.First().Value!["text"]!.GetValue<string>() == name);

    private static void SetSensitivity(JsonNode table, string name, double value) => FindRow(table, name)["sensitivity"]!["value"] = value;
}
