using HipFx.Bench;

namespace HipFx.Model.Bench;

/// <summary>
/// Model benchmark settings, from <c>--key value</c> arguments. The defaults are the CPU run (sizes 320, 640,
/// 1024; training batches 2 and 8); <c>--quick</c> starts from a short preset instead (minutes on 2 cores) that
/// later arguments still override.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>Square input sizes for the forward benchmark. Default 320, 640, 1024.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [320, 640, 1024];

    /// <summary>Batch sizes for the forward benchmark. Default 1 and 4 on a CPU (use 1,32 on a GPU).</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 4];

    /// <summary>Batch sizes of the training step (forward, loss, backward). Default 2 and 8.</summary>
    public IReadOnlyList<int> TrainBatches { get; init; } = [2, 8];

    /// <summary>Input size of the training step. Default 640.</summary>
    public int TrainSize { get; init; } = 640;

    /// <summary>Synthetic ground-truth boxes per training image (random sizes and classes). Default 3.</summary>
    public int Boxes { get; init; } = 3;

    /// <summary>Timed repetitions per measurement (median and min reported), after one warm-up. Default 3.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>
    /// Intra-op threads for libtorch on the CPU. Default 1: on a shared, oversubscribed box OpenMP threads that wait
    /// for each other were ~10× slower than one thread (measured); raise it on a dedicated machine.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Torch device name: cpu, cuda:0. Default cpu.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Official weights to load (a .pth/.pt state dict), so post-processing sees realistic candidate counts; none:
    /// a fresh init (scores ≈ 0.01, nothing passes the 0.05 threshold). scripts/bench-model.sh passes the
    /// perturbed golden weights when present.
    /// </summary>
    public string? Weights { get; init; }

    /// <summary>Where to write the JSON results. Default artifacts/bench/model.json.</summary>
    public string Output { get; init; } = Path.Combine("artifacts", "bench", "model.json");

    /// <summary>Whether the <c>--quick</c> preset was the starting point.</summary>
    public bool Quick { get; init; }

    /// <summary>The <c>--quick</c> preset: forward at batches 1 and 2; training batches 2 and 8 at 320; 2 repeats.</summary>
    public static BenchOptions QuickPreset { get; } = new()
    {
        Batches = [1, 2], TrainSize = 320, Repeats = 2, Quick = true,
    };

    public static BenchOptions Parse(string[] args)
    {
        var o = BenchArgs.Parse(args, new BenchOptions(), QuickPreset, new Dictionary<string, Func<BenchOptions, string, BenchOptions>>
        {
            ["--sizes"] = (r, v) => r with { Sizes = BenchArgs.Ints(v) },
            ["--batches"] = (r, v) => r with { Batches = BenchArgs.Ints(v) },
            ["--train-batch"] = (r, v) => r with { TrainBatches = BenchArgs.Ints(v) },
            ["--train-size"] = (r, v) => r with { TrainSize = BenchArgs.Int(v) },
            ["--boxes"] = (r, v) => r with { Boxes = BenchArgs.Int(v) },
            ["--repeats"] = (r, v) => r with { Repeats = BenchArgs.Int(v) },
            ["--threads"] = (r, v) => r with { Threads = BenchArgs.Int(v) },
            ["--device"] = (r, v) => r with { Device = v },
            ["--weights"] = (r, v) => r with { Weights = v },
            ["--out"] = (r, v) => r with { Output = v },
        });
        if (o.Sizes.Any(s => s % 32 != 0 || s < 64) || o.TrainSize % 32 != 0 || o.TrainSize < 64)
        {
            throw new ArgumentException("sizes must be multiples of 32 and at least 64");
        }
        if (o.Repeats < 1 || o.Threads < 1 || o.Boxes < 0 || o.TrainBatches.Any(b => b < 1) || o.Batches.Any(b => b < 1))
        {
            throw new ArgumentException("repeats, threads and batch sizes must be at least 1; boxes at least 0");
        }
        return o;
    }
}
