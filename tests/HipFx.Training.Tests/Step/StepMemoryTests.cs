using HipFx.Model;
using HipFx.Torch;
using HipFx.Training.Step;
using HipFx.Training.Step.Bench;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Step;

[CollectionDefinition(nameof(StepMemoryTests), DisableParallelization = true)]
public sealed class StepMemoryCollection;

/// <summary>
/// Memory stays flat over many training steps (with an SGD update and the replica sync, two CPU replicas): no tensor
/// outlives its step, and the process's resident size stops growing once the allocator has warmed up. Runs alone
/// (process-wide counters).
/// </summary>
[Collection(nameof(StepMemoryTests))]
public sealed class StepMemoryTests(ITestOutputHelper log)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Live_tensors_and_resident_memory_stay_flat_over_many_steps()
    {
        TorchRuntime.EnsureInitialized();
        manual_seed(5);
        using var model = DamoYolo.Tiny(4);
        model.train();
        using var step = TrainStep.Create(model, [CPU, CPU], new StepOptions { TrimNativeHeapEvery = 5 });
        var parameters = model.parameters().ToArray();
        using var sgd = optim.SGD(parameters, learningRate: 0.001, momentum: 0.9, nesterov: true, weight_decay: 5e-4);
        var batches = Enumerable.Range(0, 3).Select(i => new SyntheticTrainingBatch(4, 64, seed: 40 + i)).ToArray();
        long liveAfterWarmup = 0;
        double rssAfterWarmup = 0;
        const int warmup = 8;
        const int total = 30;
        for (int i = 0; i < total; i++)
        {
            Assert.True(step.Run(batches[i % batches.Length]).Finite);
            using (NewDisposeScope())
            {
                sgd.step();
            }
            step.SyncReplicas();
            if (i == warmup - 1)
            {
                liveAfterWarmup = Tensor.TotalCount;
                rssAfterWarmup = TrainBench.CurrentRssMiB();
            }
        }
        long live = Tensor.TotalCount;
        double rss = TrainBench.CurrentRssMiB();
        log.WriteLine($"after {warmup} steps: {liveAfterWarmup} live tensors, RSS {rssAfterWarmup:F0} MiB; after {total}: {live}, {rss:F0} MiB");
        Assert.True(live <= liveAfterWarmup, $"live tensors grew from {liveAfterWarmup} to {live}"); // process-wide: other tests' leftovers may be finalised meanwhile
        Assert.True(rss - rssAfterWarmup < 30, $"RSS grew {rss - rssAfterWarmup:F0} MiB over {total - warmup} steps");
    }
}
