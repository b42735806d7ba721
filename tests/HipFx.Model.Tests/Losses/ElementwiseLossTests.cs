using HipFx.Model.Losses;
using HipFx.Torch;
using static TorchSharp.torch;

namespace HipFx.Model.Tests.Losses;

/// <summary>QFL, DFL and GIoU on hand-made tensors; the expected values are worked out in the comments.</summary>
public class ElementwiseLossTests
{
    public ElementwiseLossTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Quality_focal_loss_of_a_negative_is_bce_towards_zero_times_p_squared()
    {
        using var scope = NewDisposeScope();
        // p = 0.2, q = 0: BCE = −ln(0.8) = 0.22314355; × p² = 0.04 → 0.00892574.
        var p = tensor(new[] { 0.2f }).requires_grad_();
        var loss = QualityFocalLoss.Elementwise(p, zeros(1));
        Assert.Equal(0.00892574, loss.item<float>(), 6);
        // d/dp = p²/(1 − p) + 2p·(−ln(1 − p)) = 0.04/0.8 + 0.4·0.22314355 = 0.05 + 0.08925742 = 0.13925742.
        loss.sum().backward();
        Assert.Equal(0.13925742, p.grad!.item<float>(), 6);
    }

    [Fact]
    public void Quality_focal_loss_of_a_positive_is_bce_towards_the_quality_times_the_squared_gap()
    {
        using var scope = NewDisposeScope();
        // p = 0.3, q = 0.7: BCE = −(0.7·ln 0.3 + 0.3·ln 0.7) = 0.84278097 + 0.10700248 = 0.94978345; × 0.4² → 0.15196535.
        // A perfect score p = q = 0.5 costs nothing: |q − p|² = 0.
        var loss = QualityFocalLoss.Elementwise(tensor(new[] { 0.3f, 0.5f }), tensor(new[] { 0.7f, 0.5f }));
        Assert.Equal(0.15196535, loss[0].item<float>(), 6);
        Assert.Equal(0.0, loss[1].item<float>(), 9);
    }

    [Fact]
    public void Quality_focal_loss_is_finite_at_saturated_scores()
    {
        using var scope = NewDisposeScope();
        // p = 1, q = 0: the log is clamped at −100, so BCE = 100 and the loss 100·1² = 100 (not infinity).
        // p = 0, q = 0: BCE = 0 and p² = 0.
        var loss = QualityFocalLoss.Elementwise(tensor(new[] { 1f, 0f }), zeros(2));
        Assert.Equal(100.0, loss[0].item<float>(), 4);
        Assert.Equal(0.0, loss[1].item<float>(), 9);
    }

    [Fact]
    public void Distribution_focal_loss_of_uniform_logits_is_ln_17_for_any_target()
    {
        using var scope = NewDisposeScope();
        // Uniform over 17 bins: CE = ln 17 = 2.83321334 for every bin, and the two weights sum to 1.
        var loss = DistributionFocalLoss.Elementwise(zeros(3, 17), tensor(new[] { 0f, 7.3f, 15.9f }));
        foreach (var v in loss.data<float>())
        {
            Assert.Equal(2.83321334, v, 5);
        }
    }

    [Fact]
    public void Distribution_focal_loss_splits_the_target_between_its_two_neighbouring_bins()
    {
        using var scope = NewDisposeScope();
        // Logits 0 except bin 2 = ln 3, bin 3 = ln 5: softmax p2 = 3/23, p3 = 5/23 (Z = 15 + 3 + 5).
        // t = 2.25: 0.75·ln(23/3) + 0.25·ln(23/5) = 1.52766144 + 0.38151408 = 1.90917552.
        // t = 3 (integer): all weight on bin 3: ln(23/5) = 1.52605630.
        var row = zeros(17);
        row[2] = tensor(MathF.Log(3));
        row[3] = tensor(MathF.Log(5));
        var logits = stack([row, row]).requires_grad_();
        var loss = DistributionFocalLoss.Elementwise(logits, tensor(new[] { 2.25f, 3f }));
        Assert.Equal(1.90917552, loss[0].item<float>(), 5);
        Assert.Equal(1.52605630, loss[1].item<float>(), 5);
        // Gradient of row 0: softmax − (0.75 at bin 2, 0.25 at bin 3); at bin 2: 3/23 − 0.75 = −0.61956522.
        loss.sum().backward();
        Assert.Equal(-0.61956522, logits.grad![0, 2].item<float>(), 5);
        Assert.Equal(1.0 / 23, logits.grad![0, 0].item<float>(), 6);
    }

    [Fact]
    public void Giou_loss_of_overlapping_disjoint_identical_and_degenerate_boxes()
    {
        using var scope = NewDisposeScope();
        var predicted = tensor(new float[]
        {
            0, 0, 2, 2,     // vs (1,1,3,3): inter 1, union 7, enclosing 9: GIoU = 1/7 − 2/9 = −0.07936508 → loss 1.07936508
            0, 0, 1, 1,     // vs (2,0,3,1): IoU 0, union 2, enclosing 3: GIoU = −1/3 → loss 1.33333333
            5, 5, 9, 8,     // identical: GIoU 1 → loss 0
            4, 4, 4, 4,     // two empty boxes at one point: union and enclosing clamped at 1e-6 → GIoU 0 → loss 1
        }, [4, 4]);
        var targets = tensor(new float[] { 1, 1, 3, 3, 2, 0, 3, 1, 5, 5, 9, 8, 4, 4, 4, 4 }, [4, 4]);
        var loss = GiouLoss.Elementwise(predicted, targets).data<float>().ToArray();
        Assert.Equal(1.07936508, loss[0], 6);
        Assert.Equal(1.33333333, loss[1], 6);
        Assert.Equal(0.0, loss[2], 6);
        Assert.Equal(1.0, loss[3], 6);
    }

    [Fact]
    public void Pairwise_iou_keeps_batch_dimensions_and_clamps_empty_unions()
    {
        using var scope = NewDisposeScope();
        // Image 0: (0,0,2,2) vs (1,1,3,3) → 1/7; vs (0,0,2,2) → 1. Image 1: an empty box vs anything → 0.
        var boxes = tensor(new float[] { 0, 0, 2, 2, 3, 3, 3, 3 }, [2, 1, 4]);
        var others = tensor(new float[] { 1, 1, 3, 3, 0, 0, 2, 2, 3, 3, 3, 3, 0, 0, 1, 1 }, [2, 2, 4]);
        var iou = BoxOverlaps.PairwiseIou(boxes, others);
        Assert.Equal(new long[] { 2, 1, 2 }, iou.shape);
        var v = iou.data<float>().ToArray();
        Assert.Equal(1.0 / 7, v[0], 6);
        Assert.Equal(1.0, v[1], 6);
        Assert.Equal(0.0, v[2], 6);
        Assert.Equal(0.0, v[3], 6);
    }
}
