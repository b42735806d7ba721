using HipFx.Core;
using HipFx.Model;
using HipFx.Torch;
using HipFx.Training.Loop;
using HipFx.Training.Optim;
using TorchSharp.Modules;

namespace HipFx.Training.Tests.Optim;

public sealed class ParamGroupsTests
{
    public ParamGroupsTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Norms_and_biases_get_no_decay_conv_weights_and_head_scales_do()
    {
        using var model = DamoYolo.Tiny(4);
        var split = ParamGroups.Split(model);
        var all = model.named_parameters().Select(p => p.name).ToList();
        var decay = split.Decay.Select(p => p.Name).ToHashSet();
        var noDecay = split.NoDecay.Select(p => p.Name).ToHashSet();

        Assert.Equal(all.Count, decay.Count + noDecay.Count);
        Assert.Empty(decay.Intersect(noDecay));
        var bnParameters = model.named_modules().Where(m => m.module is BatchNorm2d)
            .SelectMany(m => m.module.named_parameters(recurse: false).Select(p => m.name + "." + p.name)).ToList();
        Assert.NotEmpty(bnParameters);
        Assert.All(bnParameters, n => Assert.Contains(n, noDecay));
        Assert.All(all.Where(n => n.EndsWith(".bias", StringComparison.Ordinal)), n => Assert.Contains(n, noDecay));
        Assert.Contains("head.gfl_cls.0.bias", noDecay);
        var scales = all.Where(n => n.StartsWith("head.", StringComparison.Ordinal) && n.EndsWith("scale", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, scales.Count);
        Assert.All(scales, n => Assert.Contains(n, decay));
        Assert.All(decay, n => Assert.True(n.EndsWith(".weight", StringComparison.Ordinal) || scales.Contains(n), n));
        Assert.All(decay.Where(n => n.EndsWith(".weight", StringComparison.Ordinal)),
            n => Assert.Equal(4, model.named_parameters().First(p => p.name == n).parameter.dim()));
    }

    [Fact]
    public void Sgd_groups_carry_the_decay_split_with_nesterov_momentum_and_follow_the_lr()
    {
        using var model = DamoYolo.Tiny(4);
        var options = new HipFx.Training.Optim.OptimizerOptions();
        using var sgd = ParamGroups.CreateSgd(model, options);
        var groups = sgd.ParamGroups.Cast<SGD.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(5e-4, groups[0].Options.weight_decay);
        Assert.Equal(0.0, groups[1].Options.weight_decay);
        Assert.All(groups, g => Assert.Equal(0.9, g.Options.momentum));
        Assert.All(groups, g => Assert.True(g.Options.nesterov));
        ParamGroups.SetLearningRate(sgd, 0.0123);
        Assert.All(groups, g => Assert.Equal(0.0123, g.LearningRate));
    }

    [Fact]
    public void Lr_per_image_scales_with_the_batch()
    {
        Assert.Equal(0.01, new TrainOptions().BaseLr, 12);
        Assert.Equal(0.04, (new TrainOptions() with { BatchSize = 256 }).BaseLr, 12);
        var e = Assert.Throws<HipFxConfigException>(() => new HipFx.Training.Optim.OptimizerOptions { Momentum = 1.5 }.Validated());
        Assert.StartsWith("train.optimizer.momentum:", e.Message);
    }
}
