using System.Text.Json.Nodes;
using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Tests;

namespace HipFx.Data.Tests.Runs;

/// <summary>results.csv and run.json: what is written reads back, and a file read and written again is the same bytes.</summary>
public sealed class RunRecordFilesTests
{
    [Fact]
    public void Results_rows_round_trip_byte_for_byte_with_empty_val_cells()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("results.csv");
        EpochResult[] epochs =
        [
            new(1, 3, 0.001, 2.5, 1.0, 1.25, 0.25, 18.75, 0.6, null, null, null, null, null),
            new(2, 6, 1.0 / 3, Math.PI, 0.1, 0.2, 0.3, 20, 0.61, 0.123456789, 0.05, 0.5, 0.9, 0.3),
            new(3, 9, double.NaN, 1, 1, 1, 1, 1, 1, null, null, null, null, null),
        ];
        ResultsTable.Write(path, epochs);
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(',', ResultsTable.Columns), lines[0]);
        Assert.Equal("1,3,0.001,2.5,1,1.25,0.25,18.75,0.6,,,,,", lines[1]);
        Assert.Equal("2,6,0.333333,3.14159,0.1,0.2,0.3,20,0.61,0.123457,0.05,0.5,0.9,0.3", lines[2]);
        Assert.Equal("3,9,,1,1,1,1,1,1,,,,,", lines[3]); // not finite → empty
        byte[] first = File.ReadAllBytes(path);
        var read = ResultsTable.Read(path);
        Assert.Equal([1, 2, 3], read.Select(r => r.Epoch));
        Assert.Null(read[0].ValAp50);
        Assert.Null(read[2].Lr);
        ResultsTable.Write(path, read);
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_bad_number_names_the_file_line_and_column()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("results.csv");
        File.WriteAllText(path, "epoch,loss\n1,0.5\n2,abc\n");
        var e = Assert.Throws<HipFxDataException>(() => ResultsTable.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("loss", e.Location);
    }

    [Fact]
    public void Run_json_is_written_indented_and_read_back_as_dotted_facts()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("run.json");
        var record = new JsonObject
        {
            [RunRecord.Keys.Manifest] = "/data/a+b.csv",
            [RunRecord.Keys.ManifestSha256] = new string('f', 64),
            [RunRecord.Keys.Splits] = new JsonObject { ["train"] = new JsonObject { ["images"] = 12 } },
            [RunRecord.Keys.Versions] = new JsonObject { ["TorchSharp"] = "0.107.0" },
        };
        RunRecord.Write(path, record);
        string text = File.ReadAllText(path);
        Assert.EndsWith("}\n", text);
        Assert.Contains("\n  \"manifest\": \"/data/a+b.csv\"", text); // indented, '+' not escaped
        var run = RunRecord.Read(path);
        Assert.Equal("/data/a+b.csv", run.ManifestPath);
        Assert.Equal(new string('f', 64), run.ManifestHash);
        Assert.Equal("12", run.Find("splits.train.images"));
        Assert.Equal("0.107.0", run.Find("versions.torchsharp"));
        Assert.Equal(record.ToJsonString(), RunRecord.ReadObject(path)!.ToJsonString());
        Assert.Null(RunRecord.ReadObject(temp.File("none.json")));
    }
}
