using HipFx.Core;
using HipFx.Model;
using HipFx.Torch;
using HipFx.Training.Step;
using HipFx.Training.Step.Bench;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Step;

public sealed class TrainStepTests
{
    public TrainStepTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void One_replica_leaves_finite_losses_and_a_gradient_on_every_parameter()
    {
        manual_seed(1);
        using var model = DamoYolo.Tiny(4);
        model.train();
        using var step = TrainStep.Create(model, [CPU]);
        using var batch = new SyntheticTrainingBatch(3, 64, seed: 1);
        var result = step.Run(batch);
        Assert.True(result.Finite);
        Assert.True(result.Total > 0);
        Assert.Equal(result.Total, result.Cls + result.Bbox + result.Dfl, 4);
        Assert.True(result.Positives > 0);
        using var scope = NewDisposeScope();
        var missing = model.named_parameters().Where(p => p.parameter.grad is null).Select(p => p.name).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_non_finite_weight_makes_the_step_say_so(int replicas)
    {
        // The real step's own check (losses and gradients), not a fake that reports NaN: the loop skips such a step.
        manual_seed(1);
        using var model = DamoYolo.Tiny(4);
        model.train();
        using (no_grad())
        {
            model.named_parameters().First(p => p.name.StartsWith("head.", StringComparison.Ordinal)).parameter.view(-1)[0].fill_(double.NaN);
        }
        using var step = TrainStep.Create(model, Enumerable.Repeat(CPU, replicas).ToArray());
        using var batch = new SyntheticTrainingBatch(2, 64, seed: 1);
        Assert.False(step.Run(batch).Finite);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    public void Replica_gradients_equal_single_replica_gradients_on_the_same_batch(int replicas, int images)
    {
        using var batch = new SyntheticTrainingBatch(images, 64, seed: 7);
        var (single, singleResult) = Gradients(batch, 1);
        var (multi, multiResult) = Gradients(batch, replicas);
        Assert.True(Math.Abs(singleResult.Total - multiResult.Total) <= 1e-5 * singleResult.Total, $"loss {singleResult.Total} vs {multiResult.Total}");
        Assert.Equal(singleResult.Positives, multiResult.Positives);
        double worst = 0;
        double scale = 0;
        for (int k = 0; k < single.Length; k++)
        {
            worst = Math.Max(worst, single[k].Zip(multi[k], (a, b) => Math.Abs(a - b)).Max());
            scale = Math.Max(scale, single[k].Max(Math.Abs));
        }
        Assert.True(scale > 0);
        Assert.True(worst <= 1e-4 * scale, $"max |Δgrad| {worst:g3} against max |grad| {scale:g3}");
    }

    [Fact]
    public void Replicas_after_sync_hold_the_primary_weights_and_a_short_run_matches_one_replica()
    {
        var single = ShortRun(1);
        var multi = ShortRun(2);
        double worst = 0;
        for (int k = 0; k < single.Length; k++)
        {
            worst = Math.Max(worst, single[k].Zip(multi[k], (a, b) => Math.Abs(a - b)).Max());
        }
        Assert.True(worst < 1e-4, $"max |Δw| {worst:g3} after 3 SGD steps");
    }

    [Fact]
    public void Split_spreads_the_remainder_over_the_first_replicas()
    {
        Assert.Equal([(0, 3), (3, 2), (5, 2)], TrainStep.Split(7, 3));
        Assert.Equal([(0, 1), (1, 1)], TrainStep.Split(2, 4));
        Assert.Equal([(0, 8)], TrainStep.Split(8, 1));
    }

    [Fact]
    public void Options_name_the_bad_key()
    {
        var e = Assert.Throws<HipFxConfigException>(() => new StepOptions { Replicas = 0 }.Validate());
        Assert.Contains("runtime.replicas", e.Message);
    }

    private static (float[][] Gradients, StepResult Result) Gradients(SyntheticTrainingBatch batch, int replicas)
    {
        manual_seed(11);
        using var model = DamoYolo.Tiny(4);
        model.eval(); // BN on running statistics: the replicas see the same normalisation as one replica
        RaiseScores(model);
        using var step = TrainStep.Create(model, Enumerable.Repeat(CPU, replicas).ToArray());
        var result = step.Run(batch);
        using var scope = NewDisposeScope();
        return (model.parameters().Select(p => p.grad!.contiguous().data<float>().ToArray()).ToArray(), result);
    }

    /// <summary>
    /// Class logits biased to +2 (scores ≈ 0.9), so the shared loss normalisers stay ≥ 1 and the reference's clamp at 1
    /// (which makes N replicas differ from one by design) does not act.
    /// </summary>
    private static void RaiseScores(DamoYolo model)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters().Where(p => p.name.StartsWith("head.gfl_cls", StringComparison.Ordinal) && p.name.EndsWith(".bias", StringComparison.Ordinal)))
        {
            p.fill_(2.0);
        }
    }

    private static float[][] ShortRun(int replicas)
    {
        manual_seed(12);
        using var model = DamoYolo.Tiny(4);
        model.eval();
        RaiseScores(model);
        using var step = TrainStep.Create(model, Enumerable.Repeat(CPU, replicas).ToArray());
        for (int i = 0; i < 3; i++)
        {
            using var batch = new SyntheticTrainingBatch(4, 64, seed: 20 + i);
            Assert.True(step.Run(batch).Finite);
            using (NewDisposeScope())
            using (no_grad())
            {
                foreach (var p in model.parameters())
                {
                    p.add_(p.grad!, alpha: -0.01);
                }
            }
            step.SyncReplicas();
        }
        using var scope = NewDisposeScope();
        return model.parameters().Select(p => p.contiguous().data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void A_channels_last_step_equals_the_nchw_step_and_keeps_its_layout()
    {
        using var batch = new SyntheticTrainingBatch(3, 64, seed: 5);
        var (nchw, nchwResult, _, nchwInput) = LayoutStep(batch, channelsLast: false);
        var (nhwc, nhwcResult, layouts, nhwcInput) = LayoutStep(batch, channelsLast: true);
        // The option reaches the model: the replica hands it NHWC images only when asked to.
        Assert.True(nhwcInput, "the model's input was not channels-last with ChannelsLast on");
        Assert.False(nchwInput, "the model's input was channels-last with ChannelsLast off");
        Assert.True(Math.Abs(nchwResult.Total - nhwcResult.Total) <= 1e-4 * nchwResult.Total, $"loss {nchwResult.Total} vs {nhwcResult.Total}");
        Assert.Equal(nchwResult.Positives, nhwcResult.Positives);
        double worst = 0, scale = 0;
        for (int k = 0; k < nchw.Length; k++)
        {
            worst = Math.Max(worst, nchw[k].Zip(nhwc[k], (a, b) => Math.Abs(a - b)).Max());
            scale = Math.Max(scale, nchw[k].Max(Math.Abs));
        }
        Assert.True(scale > 0);
        // Float rounding only; an image or weight read in the wrong layout would move gradients by their own order.
        Assert.True(worst <= 1e-4 * scale, $"max |Δgrad| {worst:g3} against max |grad| {scale:g3}");
        // Weights and gradients keep the contiguous layout (what checkpoints and optimizer buffers need).
        Assert.All(layouts, l => Assert.True(l.Weight && l.Gradient, "a weight or its gradient is not contiguous"));
    }

    /// <summary>
    /// One step from the same initial weights (BN on running statistics and raised scores, as in <see cref="Gradients"/>:
    /// in train mode BN over 3 images and the assigner's ties turn float rounding into visible differences);
    /// gradients as values, for every parameter whether it and its gradient are contiguous, and whether the images the
    /// model was called with were stored channels-last.
    /// </summary>
    private static (float[][] Gradients, StepResult Result, (bool Weight, bool Gradient)[] Layouts, bool ChannelsLastInput) LayoutStep(SyntheticTrainingBatch batch, bool channelsLast)
    {
        manual_seed(13);
        using var model = DamoYolo.Tiny(4);
        model.eval();
        RaiseScores(model);
        bool? inputChannelsLast = null;
        var hook = model.register_forward_pre_hook((_, images) =>
        {
            inputChannelsLast = ChannelsLast.Is(images);
            return images;
        });
        using var step = TrainStep.Create(model, [CPU], new StepOptions { ChannelsLast = channelsLast });
        var result = step.Run(batch);
        hook.remove();
        using var scope = NewDisposeScope();
        var layouts = model.parameters().Select(p => (p.is_contiguous(), p.grad!.is_contiguous())).ToArray();
        var gradients = model.parameters().Select(p => p.grad!.contiguous().data<float>().ToArray()).ToArray();
        return (gradients, result, layouts, inputChannelsLast ?? throw new InvalidOperationException("the step never called the model"));
    }
}
