using HipFx.Core;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Evaluation.Tables;
using HipFx.Tests;
using static HipFx.Evaluation.Tests.Metrics.Make;

namespace HipFx.Evaluation.Tests.Pipeline;

/// <summary>The findings of the independent cross-check of eval (issue 11, part 4).</summary>
public sealed class CrossCheckFindingsTests
{
    private static readonly EvalOptions Options = new() { Decision = new DecisionOptions { Tau = 0.5 } };

    [Fact]
    public void Detections_of_unknown_image_ids_are_an_error_naming_them_unless_allowed()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), s.Images);
        var gt = CocoGroundTruth.Read(tmp.File("gt.json"));
        // 0-based integer ids: id 0 names no image; string ids of another split name none either.
        File.WriteAllText(tmp.File("dt.json"), $$"""
            [{"image_id": 0, "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5},
             {"image_id": "elsewhere_7", "category_id": 2, "bbox": [0, 0, 5, 5], "score": 0.4},
             {"image_id": "{{s.Images[0].ImageId}}", "category_id": 2, "bbox": [0, 0, 5, 5], "score": 0.6}]
            """);
        var e = Assert.Throws<HipFxDataException>(() => CocoDetections.Read(tmp.File("dt.json"), gt));
        Assert.Equal(tmp.File("dt.json"), e.FilePath);
        Assert.Contains("#0", e.Message);
        Assert.Contains("elsewhere_7", e.Message);
        Assert.Contains("--allow-extra-ids", e.Message);

        var allowed = CocoDetections.ReadFile(tmp.File("dt.json"), gt, allowExtraIds: true);
        Assert.Equal(2, allowed.IgnoredDetections);
        Assert.Equal(["#0", "elsewhere_7"], allowed.IgnoredImageIds);
        Assert.Single(allowed.ByImage[s.Images[0].ImageId]);
    }

    [Fact]
    public void An_unknown_id_is_echoed_cut_not_whole()
    {
        // Found by the fuzz suite: a 1 MB image id was copied into the message whole.
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), s.Images);
        var gt = CocoGroundTruth.Read(tmp.File("gt.json"));
        string huge = new('A', 100_000);
        File.WriteAllText(tmp.File("dt.json"), $$"""[{"image_id": "{{huge}}", "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.5}]""");
        var e = Assert.Throws<HipFxDataException>(() => CocoDetections.Read(tmp.File("dt.json"), gt));
        Assert.True(e.Message.Length < 2_000, $"message of {e.Message.Length} characters");
        Assert.Contains("AAAA", e.Message);
    }

    [Fact]
    public void Eval_runner_refuses_unknown_ids_and_counts_them_when_allowed()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var s = new SyntheticCase();
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), s.Images, "test");
        File.WriteAllText(tmp.File("dt.json"), """[{"image_id": "not_in_test", "category_id": 1, "bbox": [0, 0, 5, 5], "score": 0.9}]""");
        var options = new EvalRunOptions { GroundTruthPath = tmp.File("gt.json"), DetectionsPath = tmp.File("dt.json"), Tau = 0.5, OutputFolder = tmp.File("out") };
        Assert.Throws<HipFxDataException>(() => new EvalRunner(options).Run());
        var run = new EvalRunner(options with { AllowExtraIds = true }).Run();
        Assert.Contains(run.Warnings, w => w.StartsWith("1 detections of 1 images", StringComparison.Ordinal));
    }

    [Fact]
    public void At_min_iou_0_a_same_class_box_that_does_not_touch_the_truth_is_found()
    {
        var images = new[] { Image("a", Gt(FractureClass.StableItf, 0, 0, 10, 10)) };
        var dets = Dets(("a", [Det(FractureClass.StableItf, 0.9, 50, 50, 60, 60)]));
        var atZero = BoxOverlapSummary.Compute(images, dets, tau: 0.5, minIoU: 0);
        Assert.Equal(1, atZero.Micro.Found);
        Assert.Equal(0, atZero.Micro.MeanIoU);
        var atHalf = BoxOverlapSummary.Compute(images, dets, tau: 0.5, minIoU: 0.5);
        Assert.Equal(0, atHalf.Micro.Found);
        // No same-class box at all: never found, IoU reported as 0.
        var none = BoxOverlapSummary.Compute(images, Dets(("a", [])), tau: 0.5, minIoU: 0);
        Assert.Equal(0, none.Micro.Found);
        Assert.Equal(0, none.Matches.Single().IoU);
    }

    [Fact]
    public void The_order_of_a_detectors_file_does_not_change_any_number()
    {
        var s = new SyntheticCase();
        var reversed = s.Detections.Reverse().ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Detection>)[.. kv.Value.Reverse()], StringComparer.Ordinal);
        var a = DetectionEvaluation.Evaluate(s.Images, s.Detections, Options);
        var b = DetectionEvaluation.Evaluate(s.Images, reversed, Options);
        Assert.Equal(a.Outcomes.Select(o => o.Decision.Label), b.Outcomes.Select(o => o.Decision.Label));
        Assert.Equal(a.Classification.Micro, b.Classification.Micro);
        Assert.Equal(a.Coco.MeanAp50.Value, b.Coco.MeanAp50.Value, 12);
        Assert.Equal(a.Coco.MeanAp5095.Value, b.Coco.MeanAp5095.Value, 12);
        Assert.Equal(a.Overlap.Micro.MeanIoU, b.Overlap.Micro.MeanIoU, 12);
    }

    [Fact]
    public void Detection_ap_table_says_its_detections_are_after_the_100_per_image_cut()
    {
        var s = new SyntheticCase();
        var r = DetectionEvaluation.Evaluate(s.Images, s.Detections, Options);
        var table = EvaluationTables.DetectionAp(r, new RunStamp { Split = "test", Tau = 0.5, TauSource = "--tau", CoordinateConvention = RunStamp.HipFxConvention, CreatedUtc = DateTimeOffset.UnixEpoch });
        Assert.Contains("100", table.Columns.Single(c => c.Key == "detections").Header);
        Assert.Contains(table.Footnotes, n => n.Contains("maxDets", StringComparison.Ordinal) && n.StartsWith("Detections", StringComparison.Ordinal));
    }
}
