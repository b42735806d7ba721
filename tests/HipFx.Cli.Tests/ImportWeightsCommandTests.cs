using HipFx.Model.Weights;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

public class ImportWeightsCommandTests
{
    [Fact]
    public void Official_weights_become_a_hipfx_checkpoint_that_loads()
    {
        using var temp = RepoPaths.NewTempFolder();
        string weights = RepoPaths.SharedFile("reference", "damo-yolo-t-golden", "weights.pt");
        string output = temp.File("models/imported.safetensors");

        var (code, stdout, stderr) = CliRunner.Run("import-weights", "--from", weights, "--out", output, "--input-size", "640");

        Assert.True(code == 0, stderr);
        Assert.Contains("loaded 586 tensors", stdout);
        var metadata = ModelCheckpoint.ReadMetadata(output);
        Assert.Equal(["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf"], metadata.Classes);
        Assert.Equal((640, 640), (metadata.InputWidth, metadata.InputHeight));
        Assert.Equal("weights.pt", metadata.Notes["source"]);
        var loaded = ModelCheckpoint.Load(output);
        using (loaded.Model)
        {
            Assert.Equal(4, loaded.Model.NumClasses);
        }
        Assert.False(File.Exists(output + ".tmp"));
    }

    [Fact]
    public void Bad_inputs_name_the_problem()
    {
        using var temp = RepoPaths.NewTempFolder();
        var missing = CliRunner.Run("import-weights", "--from", temp.File("none.pth"), "--out", temp.File("x.safetensors"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("none.pth", missing.Err);

        File.WriteAllText(temp.File("junk.pth"), "not a checkpoint");
        var junk = CliRunner.Run("import-weights", "--from", temp.File("junk.pth"), "--out", temp.File("x.safetensors"));
        Assert.Equal(1, junk.ExitCode);
        Assert.Contains("junk.pth", junk.Err);
        Assert.False(File.Exists(temp.File("x.safetensors")));

        var size = CliRunner.Run("import-weights", "--from", temp.File("junk.pth"), "--out", temp.File("x.safetensors"), "--input-size", "100");
        Assert.Equal(2, size.ExitCode);
    }
}
