using HipFx.Cli.Config;

namespace HipFx.Cli.Tests.Config;

/// <summary>The user-facing side of <c>hipfx train</c> that needs no training: help, config errors, option misuse.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hipfx-train-cli-" + Guid.NewGuid().ToString("N"));

    public TrainCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void HelpDocumentsTheRunFolderEveryKeyAndPerReplicaBatchNorm()
    {
        var (code, stdout, _) = CliRunner.Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var word in new[] { "results.csv", "curves.png", "tensorboard", "tau.json", "last.resume", "--resume", "--set", "SyncBN", "Ctrl+C" })
        {
            Assert.Contains(word, stdout);
        }
        foreach (var key in TrainConfigSchema.Keys)
        {
            Assert.Contains($" {key.Leaf} [", stdout);
        }
    }

    [Fact]
    public void ABadKeyExitsTwoNamingKeyLineAndSuggestion()
    {
        string config = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(config, "data:\n  manifest: m.csv\ntrain:\n  epochz: 3\n");
        var (code, _, stderr) = CliRunner.Run("train", "--config", config, "--project", Path.Combine(folder, "runs"));
        Assert.Equal(2, code);
        Assert.Contains("train.epochz: unknown key; did you mean train.epochs? (line 4)", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")), "no run folder for a config that does not load");
    }

    [Fact]
    public void ABadSetExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("train", "--config", Path.Combine(ConfigLoaderTests.RepoConfigs(), "synthetic-demo.yaml"),
            "--set", "train.batch_size=0", "--project", Path.Combine(folder, "runs"));
        Assert.Equal(2, code);
        Assert.Contains("train.batch_size: must be a positive integer, got '0' (--set train.batch_size=0)", stderr);
    }

    [Fact]
    public void ResumeRefusesAConfigAndRecipeChanges()
    {
        var (code, _, stderr) = CliRunner.Run("train", "--resume", folder, "--config", "x.yaml");
        Assert.Equal(2, code);
        Assert.Contains("leave out --config", stderr);
        File.WriteAllText(Path.Combine(folder, "config.yaml"), "data:\n  manifest: m.csv\n");
        (code, _, stderr) = CliRunner.Run("train", "--resume", folder, "--set", "train.epochs=5");
        Assert.Equal(2, code);
        Assert.Contains("only runtime.* keys may change", stderr);
    }

    [Fact]
    public void NoConfigIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("train");
        Assert.Equal(2, code);
        Assert.Contains("--config is required", stderr);
    }
}
