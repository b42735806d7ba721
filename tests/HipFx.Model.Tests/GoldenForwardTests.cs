using HipFx.Model.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

/// <summary>
/// Eval-mode forward against the official outputs, for both golden sets. Tolerances are the golden READMEs':
/// backbone/neck |d| ≤ 1e-4·(1 + |ref|), logits atol 2e-5, scores atol 1e-5, boxes atol 2e-3 px, priors exact;
/// fused vs unfused 1e-4 (scores abs, boxes relative). Measured on CPU (TorchSharp 0.107 / libtorch 2.10, 2 threads),
/// perturbed set (the default set is 10–100× closer): backbone ≤ 5.0e-6 rel, neck ≤ 2.5e-6 rel, cls logits ≤ 2.4e-6,
/// reg logits ≤ 2.8e-6, scores ≤ 2.4e-7, boxes ≤ 2.1e-4 px, fused scores ≤ 3.1e-7, fused boxes ≤ 1.8e-4 px,
/// fused vs unfused boxes ≤ 1.3e-5 rel. The tests print their measured differences.
/// </summary>
public abstract class GoldenForwardTests : TorchTest
{
    private readonly GoldenSet golden;
    private readonly ITestOutputHelper log;

    protected GoldenForwardTests(GoldenSet golden, ITestOutputHelper log)
    {
        this.golden = golden;
        this.log = log;
    }

    [Fact]
    public void Backbone_neck_and_head_logits_match()
    {
        using var model = Harness.LoadedModel(golden);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = golden["input"];
        var c = model.ForwardBackbone(x);
        for (int i = 0; i < 3; i++)
        {
            Harness.CloseRelative(c[i], golden[$"backbone_out_{i}"], 1e-4, $"{golden.Name} backbone_out_{i}", log);
        }
        var p = model.ForwardFeatures(x);
        for (int i = 0; i < 3; i++)
        {
            Harness.CloseRelative(p[i], golden[$"neck_out_{i}"], 1e-4, $"{golden.Name} neck_out_{i}", log);
        }
        var logits = model.ForwardHead(x);
        for (int i = 0; i < 3; i++)
        {
            Harness.Close(logits.ClsLogits[i], golden[$"cls_logits_{i}"], 2e-5, $"{golden.Name} cls_logits_{i}", log);
            Harness.Close(logits.RegLogits[i], golden[$"reg_logits_{i}"], 2e-5, $"{golden.Name} reg_logits_{i}", log);
        }
    }

    [Fact]
    public void Scores_boxes_and_priors_match()
    {
        using var model = Harness.LoadedModel(golden);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var dense = model.call(golden["input"]);
        Harness.Close(dense.Scores, golden["cls_scores"], 1e-5, $"{golden.Name} cls_scores", log);
        Harness.Close(dense.Boxes, golden["bbox_preds"], 2e-3, $"{golden.Name} bbox_preds", log);
        Assert.Equal(0.0, Harness.MaxAbsDiff(dense.Priors.unsqueeze(0), golden["priors"]));
    }

    [Fact]
    public void Fused_model_matches_the_unfused_one_and_the_official_fusion()
    {
        using var model = Harness.LoadedModel(golden);
        using var deploy = RepConvFusion.ToDeploy(model);
        Assert.True(deploy.IsDeploy);
        Assert.Contains(deploy.state_dict().Keys, k => k.EndsWith("rbr_reparam.bias", StringComparison.Ordinal));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = golden["input"];
        var unfused = model.call(x);
        var fused = deploy.call(x);
        Harness.Close(fused.Scores, unfused.Scores, 1e-4, $"{golden.Name} fused vs unfused scores", log);
        Harness.CloseRelative(fused.Boxes, unfused.Boxes, 1e-4, $"{golden.Name} fused vs unfused boxes", log);
        if (golden.Tensors.ContainsKey("fused_cls_scores"))
        {
            Harness.Close(fused.Scores, golden["fused_cls_scores"], 1e-5, $"{golden.Name} fused_cls_scores", log);
            Harness.Close(fused.Boxes, golden["fused_bbox_preds"], 2e-3, $"{golden.Name} fused_bbox_preds", log);
        }
    }
}

public sealed class DefaultGoldenForwardTests(DefaultGolden fixture, ITestOutputHelper log)
    : GoldenForwardTests(fixture.Set, log), IClassFixture<DefaultGolden>;

public sealed class PerturbedGoldenForwardTests(PerturbedGolden fixture, ITestOutputHelper log)
    : GoldenForwardTests(fixture.Set, log), IClassFixture<PerturbedGolden>;
