using HipFx.Cli;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

public class EvalCommandTests
{
    // Two images: a (displaced_fnf box, found at .9), b (no fracture, a .3 stable_itf box below τ).
    private const string GroundTruth = """
        {"images": [
           {"id": 1, "file_name": "a.png", "width": 100, "height": 100, "patient_id": "p1", "split": "test"},
           {"id": 2, "file_name": "b.png", "width": 100, "height": 100, "patient_id": "p2", "label": "no_fracture", "split": "test"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 40, 30], "area": 1200, "iscrowd": 0}],
         "categories": [{"id": 1, "name": "displaced_fnf"}, {"id": 2, "name": "valgus_impacted_fnf"},
                        {"id": 3, "name": "stable_itf"}, {"id": 4, "name": "unstable_itf"}]}
        """;

    private const string Detections = """
        [{"image_id": 1, "category_id": 1, "bbox": [12, 10, 40, 30], "score": 0.9},
         {"image_id": "b", "category_id": 3, "bbox": [50, 50, 20, 20], "score": 0.3}]
        """;

    [Fact]
    public void Eval_on_detections_writes_tables_and_prints_them()
    {
        using var tmp = RepoPaths.NewTempFolder();
        File.WriteAllText(tmp.File("gt.json"), GroundTruth);
        File.WriteAllText(tmp.File("dt.json"), Detections);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = HipFxApp.Run(["eval", "--detections", tmp.File("dt.json"), "--ground-truth", tmp.File("gt.json"),
            "--split", "test", "--tau", "0.5", "--out", tmp.File("out")], stdout, stderr);
        Assert.True(rc == 0, stderr.ToString());
        string text = stdout.ToString();
        Assert.Contains("Table II", text);
        Assert.Contains("1.00 [0.21, 1.00] (1/1)", text); // DF sensitivity 1/1 with its Wilson interval
        Assert.False(text.Contains((char)27), "no colour codes when not a terminal");
        Assert.True(File.Exists(Path.Combine(tmp.File("out"), "table3.csv")));
        Assert.True(File.Exists(Path.Combine(tmp.File("out"), "pr_curves.png")));
        string audit = File.ReadAllText(Path.Combine(tmp.File("out"), "audit.csv"));
        Assert.Contains("b,p2,no_fracture,no_fracture,no_box_above_tau", audit);
    }

    [Fact]
    public void Usage_and_data_errors_have_their_exit_codes()
    {
        using var tmp = RepoPaths.NewTempFolder();
        File.WriteAllText(tmp.File("gt.json"), GroundTruth);
        File.WriteAllText(tmp.File("bad.json"), """[{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1], "score": 0.5}]""");
        var err = new StringWriter();
        Assert.Equal(2, HipFxApp.Run(["eval", "--ground-truth", tmp.File("gt.json"), "--out", tmp.File("o")], new StringWriter(), err));
        Assert.Contains("--model or --detections", err.ToString());
        err = new StringWriter();
        Assert.Equal(1, HipFxApp.Run(["eval", "--detections", tmp.File("bad.json"), "--ground-truth", tmp.File("gt.json"),
            "--tau", "0.5", "--out", tmp.File("o")], new StringWriter(), err));
        Assert.Contains("bad.json ([0])", err.ToString());
        Assert.Contains("bbox", err.ToString());
    }
}
