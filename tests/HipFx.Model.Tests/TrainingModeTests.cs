using HipFx.Model.Head;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class TrainingModeTests : TorchTest
{
    [Fact]
    public void Train_mode_outputs_have_the_documented_shapes_and_backward_reaches_every_parameter()
    {
        manual_seed(3);
        using var model = DamoYolo.Tiny(4);
        model.train();
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 64, 96) * 255;
        var dense = model.call(images);
        long priors = 8 * 12 + 4 * 6 + 2 * 3;
        Assert.Equal(priors, Priors.Count(64, 96));
        Assert.Equal([2L, priors, 4], dense.ClsLogits.shape);
        Assert.Equal([2L, priors, 4], dense.Scores.shape);
        Assert.Equal([2L, priors, 4, 17], dense.RegLogits.shape);
        Assert.Equal([2L, priors, 4], dense.Boxes.shape);
        Assert.Equal([priors, 4L], dense.Priors.shape);
        Assert.True(dense.Boxes.requires_grad);

        var objective = dense.Scores.sum() + dense.RegLogits.square().mean() + dense.Boxes.mean();
        objective.backward();
        var without = model.named_parameters().Where(p => p.parameter.grad is null || p.parameter.grad.abs().sum().item<float>() == 0)
            .Select(p => p.name).ToList();
        Assert.True(without.Count == 0, "no gradient for: " + string.Join(", ", without));

        // BN in train mode uses batch statistics and updates running stats with momentum 0.03.
        var runningMean = model.state_dict()["backbone.block_list.0.conv.bn.running_mean"];
        Assert.True(runningMean.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Eval_and_train_forward_differ_only_through_batch_norm()
    {
        manual_seed(4);
        using var model = DamoYolo.Tiny(4);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var images = rand(1, 3, 64, 64) * 255;
        model.eval();
        var a = model.call(images).Scores;
        var b = model.call(images).Scores;
        Assert.Equal(0.0, Harness.MaxAbsDiff(a, b)); // deterministic in eval
        model.train();
        var c = model.call(images).Scores;
        Assert.True(Harness.MaxAbsDiff(a, c) > 0);
    }
}
