using HipFx.Training.Step.Bench;

namespace HipFx.Training.Tests.Step;

public sealed class TrainBenchTests
{
    [Fact]
    public void One_step_without_warm_up_writes_finite_json()
    {
        // The fuzz suite found this: with --warmup 0 --steps 1 the CPU time per step was divided by zero and the JSON
        // writer refused the infinity after the benchmark had run.
        string dir = Path.Combine(Path.GetTempPath(), "hipfx-trainbench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string json = Path.Combine(dir, "bench.json");
            var result = TrainBench.Run(new TrainBenchOptions { Size = 64, Batch = 1, Steps = 1, Warmup = 0, Json = json }.Validate());
            Assert.True(double.IsFinite(result.ImagesPerSecond) && result.ImagesPerSecond > 0);
            Assert.True(File.Exists(json));
            Assert.DoesNotContain("Infinity", File.ReadAllText(json), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
