using HipFx.Core;
using HipFx.Model;
using HipFx.Model.Weights;
using HipFx.Tests;
using HipFx.Torch;
using HipFx.Training.Loop;
using HipFx.Training.Tests.Fakes;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Loop;

public sealed class StartingWeightsTests
{
    public StartingWeightsTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void A_checkpoint_with_another_class_count_loads_everything_but_the_class_layers()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Path.Combine(temp.Path, "coco.safetensors");
        manual_seed(3);
        using (var coco = DamoYolo.Tiny(80))
        {
            ModelCheckpoint.Save(path, coco, new ModelMetadata { Classes = Enumerable.Range(0, 80).Select(i => $"c{i}").ToList() });
        }
        manual_seed(4);
        using var model = DamoYolo.Tiny(4);
        var before = Weights.Snapshot(model);
        StartingWeights.Load(model, path);
        using var source = ModelCheckpoint.Load(path).Model;
        var loaded = source.state_dict();
        foreach (var (key, tensor) in model.state_dict())
        {
            bool classLayer = key.StartsWith("head.gfl_cls.", StringComparison.Ordinal);
            Assert.True(Weights.Same(tensor, classLayer ? before[key] : loaded[key]), key);
        }
    }

    [Fact]
    public void A_missing_file_is_a_config_error_naming_the_key()
    {
        using var model = DamoYolo.Tiny(4);
        var e = Assert.Throws<HipFxConfigException>(() => StartingWeights.Load(model, "/nonexistent/x.safetensors"));
        Assert.StartsWith("train.init_weights:", e.Message);
    }
}
