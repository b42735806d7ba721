using HipFx.Model.Inference;
using static TorchSharp.torch;
using HipFx.Core;

namespace HipFx.Model.Tests;

public sealed class PostProcessorTests : TorchTest
{
    [Fact]
    public void Greedy_nms_suppresses_within_a_class_only_and_keeps_score_order()
    {
        float[] boxes =
        [
            0, 0, 10, 10,   // 0: class 0, kept
            1, 0, 11, 10,   // 1: class 0, IoU 0.818 with 0 → suppressed
            1, 0, 11, 10,   // 2: class 1, same box but another class → kept
            20, 20, 30, 30, // 3: class 0, disjoint → kept
            0, 0, 10, 13,   // 4: class 0, IoU 10/13 = 0.769 with 0 → suppressed
            0, 0, 10, 15,   // 5: class 0, IoU 0.667 with 0 → kept
        ];
        int[] labels = [0, 0, 1, 0, 0, 0];
        Assert.Equal([0, 2, 3, 5], GreedyNms.Run(boxes, labels, 0.7, 100));
        Assert.Equal([0, 2], GreedyNms.Run(boxes, labels, 0.7, 2));
        Assert.Equal([0, 2, 3, 4], GreedyNms.Run(boxes, labels, 0.8, 100)); // 1 (IoU 0.818) still > 0.8; 4 (0.769) kept, then 5 (0.867 with 4) not
    }

    [Fact]
    public void Threshold_is_strict_one_prior_can_give_several_classes_and_output_is_sorted()
    {
        using var scope = NewDisposeScope();
        // 2 images × 3 priors × 2 classes.
        var scores = tensor(new float[]
        {
            0.05f, 0.90f,  0.30f, 0.06f,  0.04f, 0.0f,
            0.10f, 0.20f,  0.00f, 0.00f,  0.50f, 0.50f,
        }).reshape(2, 3, 2);
        var boxes = tensor(new float[]
        {
            0, 0, 10, 10,  50, 50, 60, 60,  100, 100, 110, 110,
            0, 0, 10, 10,  50, 50, 60, 60,  100, 100, 110, 110,
        }).reshape(2, 3, 4);
        var result = new PostProcessor().Run(scores, boxes);
        Assert.Equal(2, result.Count);
        // Image 0: 0.05 is not > 0.05, 0.04 dropped; kept: (p0,c1) 0.90, (p1,c0) 0.30, (p1,c1) 0.06.
        Assert.Equal([0.90f, 0.30f, 0.06f], result[0].Scores);
        Assert.Equal([1, 0, 1], result[0].Labels);
        Assert.Equal([0f, 0, 10, 10], result[0].Boxes[..4]);
        // Image 1: both classes of prior 2 survive (class-wise NMS), then 0.20, 0.10.
        Assert.Equal([0.5f, 0.5f, 0.2f, 0.1f], result[1].Scores);
        Assert.Equal([0, 1, 1, 0], result[1].Labels);

        var capped = new PostProcessor(new PostProcessOptions { MaxDetections = 2, ScoreThreshold = 0.25 }).Run(scores, boxes);
        Assert.Equal([0.90f, 0.30f], capped[0].Scores);
        Assert.Equal([0.5f, 0.5f], capped[1].Scores);
    }

    [Fact]
    public void Empty_candidates_give_empty_detections()
    {
        using var scope = NewDisposeScope();
        var result = new PostProcessor().Run(zeros(3, 10, 4), zeros(3, 10, 4));
        Assert.All(result, r => Assert.Equal(0, r.Count));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<HipFxConfigException>(() => new PostProcessor(new PostProcessOptions { IouThreshold = 0 }));
        Assert.Throws<HipFxConfigException>(() => new PostProcessor(new PostProcessOptions { MaxDetections = 0 }));
        Assert.Throws<HipFxConfigException>(() => new PostProcessor(new PostProcessOptions { ScoreThreshold = 1.5 }));
    }
}
