using System.Text.Json;
using HipFx.Evaluation.Statistics;
using HipFx.Evaluation.Tables;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Tables;

public class ResultTableTests
{
    private static ResultTable Sample() => new(
        "Table II",
        [new TableColumn("class", "Fracture type"), new TableColumn("sensitivity", "Sensitivity"), new TableColumn("iou", "IoU")],
        [
            [TableCell.Label("displaced_fnf"), TableCell.Of(Proportion.Of(8, 10)), TableCell.Number(0.7123, count: 7)],
            [TableCell.Label("a|b"), TableCell.Of(Proportion.Of(0, 0)), TableCell.Number(double.NaN, count: 0)],
        ],
        new RunStamp { Model = "runs/exp1", Split = "test", Tau = 0.35, HipFxVersion = "9.9.9" },
        ["Se, sensitivity."]);

    [Fact]
    public void Markdown_shows_values_counts_intervals_and_stamp()
    {
        string md = Sample().ToMarkdown();
        Assert.Contains("| Fracture type | Sensitivity | IoU |", md);
        Assert.Contains("| displaced_fnf | 0.80 [0.49, 0.94] (8/10) | 0.71 (n=7) |", md);
        Assert.Contains("| a\\|b | n/a (0/0) | n/a (n=0) |", md);
        Assert.Contains("Se, sensitivity.", md);
        Assert.Contains("split `test`", md);
        Assert.Contains("tau `0.35`", md);
    }

    [Fact]
    public void Csv_has_stamp_comments_and_numeric_side_columns()
    {
        var sw = new StringWriter();
        Sample().WriteCsv(sw);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# model: runs/exp1", lines[0]);
        var data = lines.Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("class,sensitivity,sensitivity_lower,sensitivity_upper,sensitivity_numerator,sensitivity_n,iou,iou_n", data[0]);
        Assert.StartsWith("displaced_fnf,0.8,0.49", data[1]);
        Assert.EndsWith(",8,10,0.7123,7", data[1]);
        Assert.Equal("a|b,,,,0,0,,0", data[2]);
    }

    [Fact]
    public void Json_round_trips_numbers_and_nulls()
    {
        var ms = new MemoryStream();
        Sample().WriteJson(ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var root = doc.RootElement;
        Assert.Equal("Table II", root.GetProperty("title").GetString());
        Assert.Equal("test", root.GetProperty("stamp").GetProperty("split").GetString());
        var se = root.GetProperty("rows")[0].GetProperty("sensitivity");
        Assert.Equal(0.8, se.GetProperty("value").GetDouble());
        Assert.Equal(8, se.GetProperty("numerator").GetInt32());
        Assert.Equal(10, se.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rows")[1].GetProperty("sensitivity").GetProperty("value").ValueKind);
    }

    [Fact]
    public void WriteAll_writes_three_files()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var paths = Sample().WriteAll(tmp.Path, "table2");
        Assert.Equal(3, paths.Count);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 0));
    }

    [Fact]
    public void Rejects_ragged_rows_and_duplicate_keys()
    {
        Assert.Throws<ArgumentException>(() => new ResultTable("t", [new TableColumn("a", "A")],
            [[TableCell.Label("x"), TableCell.Label("y")]], new RunStamp()));
        Assert.Throws<ArgumentException>(() => new ResultTable("t", [new TableColumn("a", "A"), new TableColumn("a", "B")],
            [], new RunStamp()));
    }
}
