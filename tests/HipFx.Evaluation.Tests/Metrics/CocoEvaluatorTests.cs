using HipFx.Core;
using HipFx.Evaluation.Metrics;
using static HipFx.Evaluation.Tests.Metrics.Make;

namespace HipFx.Evaluation.Tests.Metrics;

/// <summary>
/// AP cases worked by hand the way pycocotools' accumulate() does: detections in score order, cumulative
/// TP/FP, recall = TP/nGT, precision = TP/(TP+FP), precision made non-increasing from the right, then read
/// at the first point with recall ≥ r for r = 0, 0.01, ..., 1 (0 past the end), averaged over the 101 values.
/// </summary>
public class CocoEvaluatorTests
{
    private const FractureClass DF = FractureClass.DisplacedFnf;

    [Fact]
    public void Two_images_tp_fp_tp()
    {
        // Scores .9 (TP, img1), .8 (FP, img1), .7 (TP, img2); nGT = 2.
        //   TP cum 1,1,2  FP cum 0,1,1  recall .5,.5,1  precision 1, 1/2, 2/3 -> monotone 1, 2/3, 2/3
        //   r = 0.00..0.50 (51 values) -> index 0 -> 1; r = 0.51..1.00 (50 values) -> index 2 -> 2/3
        //   AP = (51 + 50·2/3) / 101 = 0.834983...; exact boxes, so every IoU threshold gives the same.
        var images = new[] { Image("1", Gt(DF, 0, 0, 10, 10)), Image("2", Gt(DF, 0, 0, 10, 10)) };
        var dets = Dets(
            ("1", [Det(DF, 0.9, 0, 0, 10, 10), Det(DF, 0.8, 50, 50, 60, 60)]),
            ("2", [Det(DF, 0.7, 0, 0, 10, 10)]));
        var ap = CocoEvaluator.Evaluate(images, dets)[DF];
        double expected = (51 + 50 * 2.0 / 3) / 101;
        Assert.Equal(expected, ap.Ap50, 9);
        Assert.Equal(expected, ap.Ap5095, 9);
        Assert.Equal(2, ap.GroundTruthBoxes);
        Assert.Equal(3, ap.Detections);
        Assert.Equal(1.0, ap.PrecisionAt50[50], 12); // 1/(1 + eps)
        Assert.Equal(2.0 / 3, ap.PrecisionAt50[51], 9);
        Assert.Equal(1.0, ap.MaxRecallAt50);
    }

    [Fact]
    public void Iou_thresholds_count_separately()
    {
        // One box, IoU 0.72: a TP at t = .50 .55 .60 .65 .70 (AP 1 each), a miss at .75 ... .95 (AP 0).
        var images = new[] { Image("1", Gt(DF, 0, 0, 10, 10)) };
        var dets = Dets(("1", [Det(DF, 0.6, 0, 0, 10, 7.2)]));
        var ap = CocoEvaluator.Evaluate(images, dets)[DF];
        Assert.Equal(1.0, ap.Ap50, 12);
        Assert.Equal(0.5, ap.Ap5095, 12);
    }

    [Fact]
    public void Greedy_matching_by_score_to_the_highest_iou_unmatched_box()
    {
        // GT A (0,0,10,10), B (4,0,14,10). Det1 (.9) (3,0,13,10): IoU A 70/130, B 90/110 -> takes B.
        // Det2 (.8) = B exactly, but B is taken; IoU with A 60/140 < .5 -> FP.
        //   recall .5, .5; precision 1, 1/2 -> r <= .5 gives 1 (51 values), r > .5 beyond the end gives 0.
        var images = new[] { Image("1", Gt(DF, 0, 0, 10, 10), Gt(DF, 4, 0, 14, 10)) };
        var dets = Dets(("1", [Det(DF, 0.8, 4, 0, 14, 10), Det(DF, 0.9, 3, 0, 13, 10)]));
        var ap = CocoEvaluator.Evaluate(images, dets)[DF];
        Assert.Equal(51.0 / 101, ap.Ap50, 12);
    }

    [Fact]
    public void Ties_in_score_keep_image_order_like_mergesort()
    {
        // Same score .5: img1's det is a FP, img2's a TP; nGT = 1.
        // Order FP, TP: recall 0, 1; precision 0, 1/2 -> monotone 1/2, 1/2 -> AP = 0.5.
        // (The other order, TP then FP, would give AP = 1.)
        var images = new[] { Image("1"), Image("2", Gt(DF, 0, 0, 10, 10)) };
        var dets = Dets(("1", [Det(DF, 0.5, 0, 0, 10, 10)]), ("2", [Det(DF, 0.5, 0, 0, 10, 10)]));
        Assert.Equal(0.5, CocoEvaluator.Evaluate(images, dets)[DF].Ap50, 9);
        var swapped = new[] { images[1], images[0] };
        Assert.Equal(1.0, CocoEvaluator.Evaluate(swapped, dets)[DF].Ap50, 9);
    }

    [Fact]
    public void Class_without_ground_truth_is_undefined_and_left_out_of_the_mean()
    {
        // DF: perfect (AP 1). VF: detections but no GT (undefined). SF: GT, no detection (AP 0). UF: nothing.
        var images = new[] { Image("1", Gt(DF, 0, 0, 10, 10), Gt(FractureClass.StableItf, 20, 20, 30, 30)) };
        var dets = Dets(("1", [Det(DF, 0.9, 0, 0, 10, 10), Det(FractureClass.ValgusImpactedFnf, 0.9, 20, 20, 30, 30)]));
        var s = CocoEvaluator.Evaluate(images, dets);
        Assert.True(double.IsNaN(s[FractureClass.ValgusImpactedFnf].Ap50));
        Assert.False(s[FractureClass.ValgusImpactedFnf].Defined);
        Assert.True(double.IsNaN(s[FractureClass.UnstableItf].Ap50));
        Assert.Equal(0.0, s[FractureClass.StableItf].Ap50);
        Assert.Equal(0.5, s.MeanAp50.Value, 12);
        Assert.Equal(2, s.MeanAp50.Classes);
    }

    [Fact]
    public void Only_the_top_100_detections_per_image_and_class_count()
    {
        // 100 false positives scored above the only true positive: it is cut, AP = 0.
        var fps = Enumerable.Range(0, 100).Select(i => Det(DF, 0.9, 100 + i, 100, 101 + i, 101));
        var images = new[] { Image("1", Gt(DF, 0, 0, 10, 10)) };
        var dets = Dets(("1", [.. fps, Det(DF, 0.1, 0, 0, 10, 10)]));
        Assert.Equal(0.0, CocoEvaluator.Evaluate(images, dets)[DF].Ap50);
    }

    [Fact]
    public void Thresholds_are_numpy_linspace()
    {
        Assert.Equal(101, CocoThresholds.Recall.Count);
        Assert.Equal(7 * 0.01, CocoThresholds.Recall[7]); // 0.07000000000000001, as numpy
        Assert.Equal(10, CocoThresholds.Iou.Count);
        Assert.Equal(0.95, CocoThresholds.Iou[9]);
    }
}
