using HipFx.Model.Assign;
using HipFx.Model.Head;
using HipFx.Model.Losses;
using HipFx.Torch;
using TorchSharp;
using static TorchSharp.torch;
using HipFx.Core;

namespace HipFx.Model.Tests.Losses;

public class ZeroHeadLossTests
{
    public ZeroHeadLossTests() => TorchRuntime.EnsureInitialized();

    /// <summary>Dense predictions as the model gives them; the loss does not read the class logits.</summary>
    private static DensePredictions Dense(Tensor scores, Tensor boxes, Tensor regLogits, Tensor priors) =>
        new(scores.detach().logit(), scores, regLogits, boxes, priors);

    /// <summary>
    /// One image, two classes, two priors of stride 8: prior 0 at (8,8), prior 1 at (40,40). GT (0,0,16,16) class 0.
    /// Prior 0 is strictly inside; prior 1 is outside the box and the centre square (8 ± 20), so prior 0 is the only
    /// candidate. It predicts (2,2,16,16): IoU 196/256 = 0.765625 → k = 1 → one positive with q = 0.765625.
    /// Regression logits are all 0 (uniform bins).
    /// </summary>
    private sealed class Scene : IDisposable
    {
        private readonly DisposeScope scope = NewDisposeScope();

        public Scene()
        {
            Scores = tensor(new[] { 0.6f, 0.2f, 0.1f, 0.3f }, [1, 2, 2]).requires_grad_();
            Boxes = tensor(new float[] { 2, 2, 16, 16, 30, 30, 50, 50 }, [1, 2, 4]).requires_grad_();
            RegLogits = zeros(1, 2, 4, 17).requires_grad_();
            Priors = tensor(new float[] { 8, 8, 8, 8, 40, 40, 8, 8 }, [2, 4]);
            Truth = GroundTruthBatch.FromTensors([tensor(new float[] { 0, 0, 16, 16 }, [1, 4])], [tensor(new long[] { 0 })]);
        }

        public Tensor Scores { get; }
        public Tensor Boxes { get; }
        public Tensor RegLogits { get; }
        public Tensor Priors { get; }
        public GroundTruthBatch Truth { get; }

        public void Dispose() => scope.Dispose();
    }

    [Fact]
    public void Losses_weights_and_normalisers_of_a_one_positive_scene()
    {
        using var s = new Scene();
        using var losses = new ZeroHeadLoss().Compute(Dense(s.Scores, s.Boxes, s.RegLogits, s.Priors), s.Truth);

        // QFL (÷ max(#pos, 1) = 1, × 1.0):
        //   prior 0, class 0 (positive, q = 0.765625): BCE(0.6, q)·(q − 0.6)² = 0.60585340·0.02743164 = 0.01661941
        //   prior 0, class 1: BCE(0.2, 0)·0.2² = 0.22314355·0.04 = 0.00892574
        //   prior 1: BCE(0.1, 0)·0.01 + BCE(0.3, 0)·0.09 = 0.00105361 + 0.03210074
        //   sum = 0.05869973
        Assert.Equal(0.05869973, losses.Cls.item<float>(), 6);
        // Weight of the positive w = max(0.6, 0.2) = 0.6; norm = max(Σw, 1) = 1.
        // GIoU: enclosing box = GT, so GIoU = IoU = 0.765625 → 2.0 · 0.6·(1 − 0.765625) / 1 = 0.28125.
        Assert.Equal(0.28125, losses.Bbox.item<float>(), 6);
        // DFL: point (8,8)/8 = (1,1), target (0,0,16,16)/8 → distances (1,1,1,1), integer, so all weight on bin 1:
        // CE = ln 17 = 2.83321334 per side; 0.25 · 0.6·4·2.83321334 / (4·1) = 0.42498200.
        Assert.Equal(0.42498200, losses.Dfl.item<float>(), 6);
        Assert.Equal(0.05869973 + 0.28125 + 0.42498200, losses.Total.item<float>(), 5);
        Assert.Equal(1L, losses.Positives.item<long>());
    }

    [Fact]
    public void Gradients_flow_into_scores_boxes_and_bins_but_not_through_the_detached_weights()
    {
        using var s = new Scene();
        using (var losses = new ZeroHeadLoss().Compute(Dense(s.Scores, s.Boxes, s.RegLogits, s.Priors), s.Truth))
        {
            losses.Total.backward();
        }
        var g = s.Scores.grad!;
        // Background score p = 0.3 (prior 1, class 1): d/dp [BCE(p,0)·p²] = p²/(1 − p) + 2p·(−ln(1 − p)) = 0.34257639.
        Assert.Equal(0.34257639, g[0, 1, 1].item<float>(), 5);
        // Positive score p = 0.6: only the QFL term, not the GIoU/DFL weight w = 0.6 (detached):
        // BCE'(p, q)·(q − p)² + BCE·2(p − q) = −0.69010417·0.02743164 − 0.60585340·0.33125 = −0.21962066.
        Assert.Equal(-0.21962066, g[0, 0, 0].item<float>(), 5);
        // The background prior's box and bins get exactly zero gradient; the positive's get some.
        Assert.Equal(0f, s.Boxes.grad![0, 1].abs().sum().item<float>());
        Assert.Equal(0f, s.RegLogits.grad![0, 1].abs().sum().item<float>());
        Assert.True(s.Boxes.grad![0, 0].abs().sum().item<float>() > 0);
        // DFL on uniform logits with target bin 1: d/dlogit = w/(4·norm)·0.25·(softmax − onehot): bin 1 = 0.0375·(1/17 − 1).
        Assert.Equal(0.0375 * (1.0 / 17 - 1), s.RegLogits.grad![0, 0, 0, 1].item<float>(), 6);
    }

    [Fact]
    public void A_batch_without_boxes_has_only_the_negative_qfl_and_zero_box_gradients()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new[] { 0.6f, 0.2f, 0.1f, 0.3f }, [1, 2, 2]).requires_grad_();
        var boxes = tensor(new float[] { 2, 2, 16, 16, 30, 30, 50, 50 }, [1, 2, 4]).requires_grad_();
        var regLogits = randn(1, 2, 4, 17).requires_grad_();
        var priors = tensor(new float[] { 8, 8, 8, 8, 40, 40, 8, 8 }, [2, 4]);
        using var truth = GroundTruthBatch.FromTensors([zeros(0, 4)], [zeros(0, ScalarType.Int64)]);

        using var losses = new ZeroHeadLoss().Compute(Dense(scores, boxes, regLogits, priors), truth);
        // No positives: num_total_pos = max(0, 1) = 1; QFL = Σ BCE(p,0)·p² over all 4 scores:
        // BCE(0.6,0)·0.36 = 0.91629073·0.36 = 0.32986466; + 0.00892574 + 0.00105361 + 0.03210074 = 0.37194475.
        Assert.Equal(0.37194475, losses.Cls.item<float>(), 5);
        Assert.Equal(0f, losses.Bbox.item<float>());
        Assert.Equal(0f, losses.Dfl.item<float>());
        losses.Total.backward();
        Assert.Equal(0f, boxes.grad!.abs().sum().item<float>());
        Assert.Equal(0f, regLogits.grad!.abs().sum().item<float>());
        Assert.True(scores.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void Qfl_is_normalised_by_the_positive_count_and_box_losses_by_the_summed_weights()
    {
        using var scope = NewDisposeScope();
        // Two identical images of the one-positive scene: 2 positives, Σw = 1.2 > 1.
        // QFL: 2·0.05869973 / 2 = 0.05869973. GIoU: 2 · 2·0.6·0.234375 / 1.2 = 0.46875.
        // DFL: 0.25 · 2·0.6·4·ln 17 / (4·1.2) = 0.70830334.
        var scores = tensor(new[] { 0.6f, 0.2f, 0.1f, 0.3f, 0.6f, 0.2f, 0.1f, 0.3f }, [2, 2, 2]);
        var boxes = tensor(new float[] { 2, 2, 16, 16, 30, 30, 50, 50 }, [1, 2, 4]).expand(2, 2, 4).contiguous();
        var priors = tensor(new float[] { 8, 8, 8, 8, 40, 40, 8, 8 }, [2, 4]);
        var gt = tensor(new float[] { 0, 0, 16, 16 }, [1, 4]);
        using var truth = GroundTruthBatch.FromTensors([gt, gt], [tensor(new long[] { 0 }), tensor(new long[] { 0 })]);

        using var losses = new ZeroHeadLoss().Compute(Dense(scores, boxes, zeros(2, 2, 4, 17), priors), truth);
        Assert.Equal(0.05869973, losses.Cls.item<float>(), 6);
        Assert.Equal(0.46875, losses.Bbox.item<float>(), 6);
        Assert.Equal(0.70830334, losses.Dfl.item<float>(), 6);
    }

    [Fact]
    public void Given_normalisers_replace_the_batch_own_and_replicas_average_theirs()
    {
        using var scope = NewDisposeScope();
        using var s = new Scene();
        var loss = new ZeroHeadLoss();
        var p = Dense(s.Scores, s.Boxes, s.RegLogits, s.Priors);
        using var assignment = loss.Assign(p, s.Truth);
        // The scene's own: 1 positive, Σw = 0.6 (clamped to 1 when used).
        using var own = ZeroHeadLoss.Normalizers(p, assignment);
        Assert.Equal(1f, own.PositiveCount.item<float>());
        Assert.Equal(0.6f, own.WeightSum.item<float>(), 6);
        // Two data-parallel replicas with (1, 0.6) and (5, 3.4) average to (3, 2).
        using var other = new LossNormalizers(tensor(5f), tensor(3.4f));
        using var mean = LossNormalizers.Mean([own, other], CPU);
        Assert.Equal(3f, mean.PositiveCount.item<float>());
        Assert.Equal(2f, mean.WeightSum.item<float>(), 6);
        // With them: QFL 0.05869973 / 3; GIoU 2·0.6·0.234375 / 2 = 0.140625; DFL 0.25·0.6·4·ln 17 / (4·2) = 0.21249100.
        using var losses = loss.Compute(p, assignment, mean);
        Assert.Equal(0.05869973 / 3, losses.Cls.item<float>(), 6);
        Assert.Equal(0.140625, losses.Bbox.item<float>(), 6);
        Assert.Equal(0.21249100, losses.Dfl.item<float>(), 6);
    }

    [Fact]
    public void A_class_id_beyond_the_models_classes_is_refused_before_any_tensor_work()
    {
        using var scope = NewDisposeScope();
        var scores = full(1, 2, 2, 0.5f);
        using var truth = GroundTruthBatch.FromTensors([tensor(new float[] { 0, 0, 16, 16 }, [1, 4])], [tensor(new long[] { 2 })]);
        Assert.Equal(2L, truth.MaxLabel);
        var e = Assert.Throws<ArgumentException>(() => new ZeroHeadLoss().Compute(
            Dense(scores, zeros(1, 2, 4), zeros(1, 2, 4, 17), tensor(new float[] { 8, 8, 8, 8, 40, 40, 8, 8 }, [2, 4])), truth));
        Assert.Contains("class id 2", e.Message);
    }

    [Fact]
    public void Dfl_targets_are_clamped_below_reg_max()
    {
        using var scope = NewDisposeScope();
        // Prior (8,8) of stride 8 and a GT (−200, 4, 300, 12): left (8 + 200)/8 = 26 → 15.9; top 0.5;
        // right (300 − 8)/8 = 36.5 → 15.9; bottom 0.5. A prior outside its box (left edge 10 > 8) clamps to 0.
        var priors = tensor(new float[] { 8, 8, 8, 8 }, [1, 4]);
        var targets = tensor(new float[] { -200, 4, 300, 12, 10, 4, 20, 12 }, [2, 1, 4]);
        var d = new ZeroHeadLoss().DistanceTargets(priors, targets).data<float>().ToArray();
        Assert.Equal(new[] { 15.9f, 0.5f, 15.9f, 0.5f, 0f, 0.5f, 1.5f, 0.5f }, d);
    }

    [Fact]
    public void Options_are_validated_once_with_the_bad_setting_named()
    {
        var e = Assert.Throws<HipFxConfigException>(() => new ZeroHeadLoss(new ZeroHeadLossOptions { BboxWeight = -1 }));
        Assert.Equal("BboxWeight", e.Key);
        var a = Assert.Throws<HipFxConfigException>(
            () => new ZeroHeadLoss(new ZeroHeadLossOptions { Assigner = new AlignOtaOptions { CandidateTopK = 0 } }));
        Assert.Equal("CandidateTopK", a.Key);
    }
}
