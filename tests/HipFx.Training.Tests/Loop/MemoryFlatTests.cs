using HipFx.Tests;
using HipFx.Training.Loop;
using HipFx.Training.Tests.Fakes;
using TorchSharp;

namespace HipFx.Training.Tests.Loop;

/// <summary>
/// Many steps of the loop leave no tensor behind (the thread's live tensor count is the same after step 5 and after
/// the last) and the process's resident memory does not climb with them (under 64 MiB over 40 steps of
/// 64² batch-2 training; the step trims glibc's heap every few steps: <see cref="HipFx.Torch.Native.NativeHeap"/>).
/// </summary>
public sealed class MemoryFlatTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Live_tensors_and_resident_memory_stay_flat_over_many_steps()
    {
        TinyRun.Deterministic();
        using var temp = RepoPaths.NewTempFolder();
        var live = new List<long>();
        var rss = new List<long>();
        var observer = new RecordingObserver
        {
            OnStep = p =>
            {
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                rss.Add(p.ProcessMemoryBytes);
            },
        };
        var options = TinyRun.Options(epochs: 1) with { Validation = new ValidationOptions { EveryEpochs = 0 } };
        new TrainRunner(TinyRun.Setup(Path.Combine(temp.Path, "m"), options, batchesPerEpoch: 60), observer).Run();

        Assert.Equal(60, live.Count);
        Assert.True(live[^1] <= live[4], $"live tensors grew from {live[4]} (step 5) to {live[^1]} (step 60)");
        long growth = rss[^1] - rss[19];
        string series = string.Join(" ", rss.Where((_, i) => i % 5 == 4).Select(b => b >> 20));
        Assert.True(growth < 64L << 20, $"RSS grew {growth >> 20} MiB between step 20 and step 60 (MiB every 5 steps: {series})");
    }
}
