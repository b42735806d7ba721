using System.Collections;
using HipFx.Core;
using HipFx.Model.Weights;
using HipFx.Tests;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class OfficialWeightsTests : TorchTest, IClassFixture<PerturbedGolden>
{
    private readonly GoldenSet golden;

    public OfficialWeightsTests(PerturbedGolden fixture)
    {
        golden = fixture.Set;
    }

    [Fact]
    public void Golden_weights_file_imports_completely()
    {
        manual_seed(5);
        using var model = DamoYolo.Tiny(4);
        var report = OfficialWeights.Import(model, golden.WeightsPath);
        Assert.Equal(586, report.LoadedCount);
        Assert.Empty(report.Reinitialized);
        Assert.Equal(4, report.SourceClassCount);
        var sd = model.state_dict();
        foreach (var (key, expected) in golden.Weights)
        {
            Assert.True(sd[key].equal(expected).all().item<bool>(), $"{key} differs after import");
        }
    }

    [Fact]
    public void An_80_class_checkpoint_under_model_loads_all_but_the_class_layers_and_says_which()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string path = tmp.File("coco80.pth");
        manual_seed(1);
        using var coco = DamoYolo.Tiny(80);
        var cocoState = coco.state_dict();
        using (no_grad())
        {
            foreach (var p in coco.parameters())
            {
                p.add_(randn_like(p) * 0.1); // distinguishable from any fresh init
            }
        }
        var state = new Hashtable();
        foreach (var (k, v) in cocoState)
        {
            state[k] = v;
        }
        PyTorchPickler.PickleStateDict(path, new Hashtable { ["model"] = state, ["epoch"] = 300 });

        manual_seed(2);
        using var model = DamoYolo.Tiny(4);
        var report = OfficialWeights.Import(model, path);

        string[] classKeys = ["head.gfl_cls.0.weight", "head.gfl_cls.0.bias", "head.gfl_cls.1.weight",
            "head.gfl_cls.1.bias", "head.gfl_cls.2.weight", "head.gfl_cls.2.bias"];
        Assert.Equal(classKeys.Order(), report.Reinitialized.Order());
        Assert.Equal(80, report.SourceClassCount);
        Assert.Equal(4, report.TargetClassCount);
        Assert.Equal(586 - 6, report.LoadedCount);
        Assert.Contains("head.gfl_cls.2.bias", report.ToString());

        var sd = model.state_dict();
        foreach (var (key, source) in cocoState.Where(kv => !classKeys.Contains(kv.Key)))
        {
            Assert.True(sd[key].equal(source).all().item<bool>(), $"{key} not loaded");
        }
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal([4L], sd[$"head.gfl_cls.{i}.bias"].shape);
            Assert.All(sd[$"head.gfl_cls.{i}.bias"].data<float>().ToArray(), b => Assert.Equal(-4.59512, b, 4));
            Assert.InRange(sd[$"head.gfl_cls.{i}.weight"].std().item<float>(), 0.007, 0.013);
        }
    }

    [Fact]
    public void A_wrong_shape_outside_the_class_layers_fails_naming_key_expected_and_found()
    {
        using var model = DamoYolo.Tiny(4);
        var source = golden.Weights.ToDictionary(kv => kv.Key, kv => kv.Value);
        source["backbone.block_list.0.conv.bn.bias"] = zeros(1); // broadcastable: TorchSharp's load would accept it
        source.Remove("neck.merge_5.conv3.bn.running_var");
        var e = Assert.Throws<HipFxDataException>(() => OfficialWeights.Import(model, source, "bad.pth"));
        Assert.Equal("bad.pth", e.FilePath);
        Assert.Contains("backbone.block_list.0.conv.bn.bias: expected [24], found [1]", e.Message);
        Assert.Contains("missing neck.merge_5.conv3.bn.running_var", e.Message);
    }

    [Fact]
    public void A_fused_checkpoint_into_a_training_form_model_gets_a_hint()
    {
        using var deployModel = DamoYolo.TinyDeploy(4);
        using var model = DamoYolo.Tiny(4);
        var e = Assert.Throws<HipFxDataException>(() => OfficialWeights.Import(model, deployModel.state_dict(), "deploy.pth"));
        Assert.Contains("TinyDeploy", e.Message);
        // ...and it loads into a deploy-form model.
        using var target = DamoYolo.TinyDeploy(4);
        Assert.Empty(OfficialWeights.Import(target, deployModel.state_dict(), "deploy.pth").Reinitialized);
    }

    [Fact]
    public void A_missing_or_unreadable_file_is_a_data_error()
    {
        using var tmp = RepoPaths.NewTempFolder();
        using var model = DamoYolo.Tiny(4);
        Assert.Throws<HipFxDataException>(() => OfficialWeights.Import(model, tmp.File("none.pth")));
        File.WriteAllText(tmp.File("junk.pth"), "not a zip");
        var e = Assert.Throws<HipFxDataException>(() => OfficialWeights.Import(model, tmp.File("junk.pth")));
        Assert.Equal(tmp.File("junk.pth"), e.FilePath);
    }
}
