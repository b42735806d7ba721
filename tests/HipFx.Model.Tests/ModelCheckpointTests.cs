using HipFx.Core;
using HipFx.Model.Weights;
using HipFx.Tests;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class ModelCheckpointTests : TorchTest, IClassFixture<PerturbedGolden>
{
    private readonly GoldenSet golden;

    public ModelCheckpointTests(PerturbedGolden fixture)
    {
        golden = fixture.Set;
    }

    private static ModelMetadata Metadata(bool deploy = false) => new()
    {
        Classes = ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf"],
        InputWidth = 640,
        InputHeight = 512,
        IntensityMapping = "dicom-voi-lut-8bit",
        Deploy = deploy,
        Config = "train:\n  epochs: 300\n",
        Notes = new Dictionary<string, string> { ["epoch"] = "12" },
    };

    [Theory]
    [InlineData(0, "inputWidth is 0")]
    [InlineData(65536, "inputWidth is 65536")]
    [InlineData(100, "inputWidth is 100")]
    public void Metadata_is_checked_as_data_with_the_file_named(int width, string expected)
    {
        using var tmp = RepoPaths.NewTempFolder();
        string path = tmp.File("bad.safetensors");
        using var model = Harness.LoadedModel(golden);
        ModelCheckpoint.Save(path, model, Metadata() with { InputWidth = width });
        var ex = Assert.Throws<HipFxDataException>(() => ModelCheckpoint.ReadMetadata(path));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("bad.safetensors", ex.Message);
        Assert.Contains("__metadata__.hipfx.inputWidth", ex.Message);
        Assert.Throws<HipFxDataException>(() => ModelCheckpoint.Load(path).Model.Dispose());
    }

    [Fact]
    public void Round_trip_keeps_weights_metadata_and_outputs()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string path = tmp.File("model.safetensors");
        using var model = Harness.LoadedModel(golden);
        var metadata = Metadata();
        ModelCheckpoint.Save(path, model, metadata);

        var read = ModelCheckpoint.ReadMetadata(path);
        Assert.Equal(metadata.Classes, read.Classes);
        Assert.Equal((640, 512), (read.InputWidth, read.InputHeight));
        Assert.Equal("dicom-voi-lut-8bit", read.IntensityMapping);
        Assert.Equal(metadata.Config, read.Config);
        Assert.Equal("12", read.Notes["epoch"]);
        Assert.Equal("0.107.0", read.TorchSharpVersion);
        Assert.False(string.IsNullOrEmpty(read.HipFxVersion));

        var loaded = ModelCheckpoint.Load(path);
        using var copy = loaded.Model;
        Assert.False(copy.training);
        var sd = copy.state_dict();
        foreach (var (key, t) in model.state_dict())
        {
            Assert.True(sd[key].dtype == t.dtype && sd[key].equal(t).all().item<bool>(), $"{key} differs after the round trip");
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Assert.Equal(0.0, Harness.MaxAbsDiff(copy.call(golden["input"]).Scores, golden["cls_scores"]), 5);
    }

    [Fact]
    public void Deploy_form_round_trips_too()
    {
        using var tmp = RepoPaths.NewTempFolder();
        using var model = Harness.LoadedModel(golden);
        using var deploy = RepConvFusion.ToDeploy(model);
        ModelCheckpoint.Save(tmp.File("d.safetensors"), deploy, Metadata(deploy: true));
        var loaded = ModelCheckpoint.Load(tmp.File("d.safetensors"));
        using var copy = loaded.Model;
        Assert.True(copy.IsDeploy);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Harness.Close(copy.call(golden["input"]).Scores, golden["fused_cls_scores"], 1e-5, "reloaded fused scores");
    }

    [Fact]
    public void Metadata_that_contradicts_the_model_is_refused_on_save()
    {
        using var tmp = RepoPaths.NewTempFolder();
        using var model = DamoYolo.Tiny(4);
        Assert.Throws<ArgumentException>(() => ModelCheckpoint.Save(tmp.File("x.safetensors"), model, Metadata() with { Classes = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => ModelCheckpoint.Save(tmp.File("x.safetensors"), model, Metadata(deploy: true)));
    }

    [Fact]
    public void Foreign_or_corrupt_files_are_data_errors_naming_the_file()
    {
        using var tmp = RepoPaths.NewTempFolder();
        using var model = DamoYolo.Tiny(4);
        // A plain safetensors file without our metadata (the golden tensors).
        var golden = RepoPaths.SharedFile("reference", GoldenSet.Default, "tensors.safetensors");
        var e = Assert.Throws<HipFxDataException>(() => ModelCheckpoint.Load(golden));
        Assert.Contains("not a hipfx model checkpoint", e.Message);
        Assert.Equal(golden, e.FilePath);

        string good = tmp.File("good.safetensors");
        ModelCheckpoint.Save(good, model, Metadata());
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(tmp.File("truncated.safetensors"), bytes[..(bytes.Length / 2)]);
        var t = Assert.Throws<HipFxDataException>(() => ModelCheckpoint.Load(tmp.File("truncated.safetensors")));
        Assert.Contains("data section", t.Message);
        File.WriteAllBytes(tmp.File("short.safetensors"), [1, 2, 3]);
        Assert.Throws<HipFxDataException>(() => ModelCheckpoint.Load(tmp.File("short.safetensors")));
    }
}
