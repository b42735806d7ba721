using HipFx.Core;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Evaluation.Statistics;
using HipFx.Evaluation.Tables;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Pipeline;

public class EvalReportTests
{
    private static readonly EvalOptions Options = new() { Decision = new DecisionOptions { Tau = 0.5 } };

    [Fact]
    public void Counts_follow_the_construction_of_the_case()
    {
        var s = new SyntheticCase();
        var r = DetectionEvaluation.Evaluate(s.Images, s.Detections, Options);
        // Per fracture class: 8 images; roll 0 missed, roll 1 wrong class, rolls 2..7 right class (score >= .65).
        foreach (var c in ClassNames.FractureClasses)
        {
            Assert.Equal(6, r.Matrix[c.ToImageLabel(), c.ToImageLabel()]);
            Assert.Equal(1, r.Matrix[c.ToImageLabel(), ImageLabel.NoFracture]);
        }
        // One no-fracture image (roll 1) called stable_itf at .8.
        Assert.Equal(1, r.Matrix[ImageLabel.NoFracture, ImageLabel.StableItf]);
        Assert.Equal(7, r.Matrix[ImageLabel.NoFracture, ImageLabel.NoFracture]);
        Assert.Equal(new BinaryCounts(24, 5, 8, 123), r.Classification.Micro);
        Assert.Equal(40, r.Outcomes.Count);
    }

    [Fact]
    public void Coco_files_round_trip_to_the_same_numbers()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        var r = DetectionEvaluation.Evaluate(s.Images, s.Detections, Options);
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), s.Images, "test");
        CocoFiles.WriteDetections(tmp.File("dt.json"), s.Images, s.Detections);
        var gt = CocoGroundTruth.Read(tmp.File("gt.json"), "test");
        var dets = CocoDetections.Read(tmp.File("dt.json"), gt);
        Assert.Equal(s.Images.Select(i => (i.ImageId, i.PatientId, i.Truth)), gt.Images.Select(i => (i.ImageId, i.PatientId, i.Truth)));
        var again = DetectionEvaluation.Evaluate(gt.Images, dets, Options);
        Assert.Equal(r.Classification.Micro, again.Classification.Micro);
        Assert.Equal(r.Coco.MeanAp5095.Value, again.Coco.MeanAp5095.Value, 12);
        Assert.Equal(r.Overlap.Micro.MeanIoU, again.Overlap.Micro.MeanIoU, 12);
        Assert.Throws<HipFxDataException>(() => CocoGroundTruth.Read(tmp.File("gt.json"), "external"));
    }

    [Fact]
    public void Bad_detection_file_names_file_and_entry()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), s.Images);
        File.WriteAllText(tmp.File("dt.json"), """[{"image_id": "img000", "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5}, {"image_id": 1, "category_id": 9, "bbox": [0,0,1,1], "score": 0.5}]""");
        var e = Assert.Throws<HipFxDataException>(() => CocoDetections.Read(tmp.File("dt.json"), CocoGroundTruth.Read(tmp.File("gt.json"))));
        Assert.Equal(tmp.File("dt.json"), e.FilePath);
        Assert.Equal("[1]", e.Location);
        Assert.Contains("category_id 9", e.Message);
    }

    [Fact]
    public void Report_writes_tables_audit_coco_and_pictures()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        var r = DetectionEvaluation.Evaluate(s.Images, s.Detections,
            Options with { Bootstrap = new BootstrapOptions { Resamples = 50, Seed = 3 } });
        var stamp = new RunStamp { Model = "hand-made", Split = "test", Tau = 0.5 };
        var files = EvalReport.Write(tmp.Path, r, stamp, s);
        foreach (var f in files.All)
        {
            Assert.True(new FileInfo(f).Length > 0, f);
        }
        Assert.Equal(4, files.Pictures.Count);
        Assert.All(files.Pictures, p => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(p)[..4]));
        string table2 = File.ReadAllText(Path.Combine(tmp.Path, "table2.md"));
        Assert.Contains("| displaced_fnf | 6 | 1 | 2 | 31 |", table2);
        Assert.Contains("†", table2);
        // The CSV carries the counts behind each IoU mean: boxes found (numerator) of all ground-truth boxes (n).
        var csv = File.ReadAllLines(Path.Combine(tmp.Path, "table2.csv")).Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).ToList();
        var df = csv.Single(r => r[0] == "displaced_fnf");
        var o = r.Overlap[FractureClass.DisplacedFnf];
        Assert.Equal(o.Found.ToString(System.Globalization.CultureInfo.InvariantCulture), df[Array.IndexOf(csv[0], "iou_numerator")]);
        Assert.Equal("8", df[Array.IndexOf(csv[0], "iou_n")]);
        var audit = File.ReadAllLines(files.Audit).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(41, audit.Count);
        // DF: 6 right, 1 FP (an unstable_itf image called DF), 2 FN (a miss and a wrong class), 31 TN.
        // Summing the audit's tp column of a class gives Table II's TP.
        int tpCol = audit[0].Split(',').ToList().IndexOf("tp_stable_itf");
        Assert.Equal(r.Classification[FractureClass.StableItf].TP, audit.Skip(1).Sum(l => int.Parse(l.Split(',')[tpCol], System.Globalization.CultureInfo.InvariantCulture)));
        if (Environment.GetEnvironmentVariable("HIPFX_KEEP_PICTURES") is { } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var f in files.All)
            {
                File.Copy(f, Path.Combine(keep, Path.GetFileName(f)), overwrite: true);
            }
        }
    }
}
