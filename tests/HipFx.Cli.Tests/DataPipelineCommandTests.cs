namespace HipFx.Cli.Tests;

/// <summary><c>hipfx cache</c>, <c>hipfx augment-preview</c> and <c>hipfx bench data</c> on a small synthetic dataset.</summary>
public sealed class DataPipelineCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hipfx-pipeline-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Cache_preview_and_bench_run_as_a_user_runs_them()
    {
        string data = Path.Combine(folder, "data");
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--count", "12", "--size", "256", "--format", "png", "--institutions", "A,B").ExitCode);
        string manifest = Path.Combine(data, "manifest.csv");
        Assert.Equal(0, CliRunner.Run("split", manifest, "--no-near-duplicates").ExitCode);

        var first = CliRunner.Run("cache", "--manifest", manifest, "--size", "128", "--workers", "2");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("0 already cached", first.Out);
        var second = CliRunner.Run("cache", "--manifest", manifest, "--size", "128");
        Assert.Contains("0 decoded now", second.Out);

        string preview = Path.Combine(folder, "preview.png");
        Assert.Equal(0, CliRunner.Run("augment-preview", "--manifest", manifest, "--size", "128", "--count", "4", "--out", preview).ExitCode);
        Assert.True(new FileInfo(preview).Length > 1000);

        string json = Path.Combine(folder, "bench.json");
        var bench = CliRunner.Run("bench", "data", "--manifest", manifest, "--size", "128", "--batch", "2", "--workers", "2", "--batches", "2", "--json", json);
        Assert.Equal(0, bench.ExitCode);
        Assert.Contains("warm, mosaic", bench.Out);
        Assert.Contains("images_per_cpu_s", File.ReadAllText(json));

        Assert.Equal(2, CliRunner.Run("cache", "--manifest", manifest, "--size", "100").ExitCode);
    }
}
