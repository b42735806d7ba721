using System.Globalization;

namespace HipFx.Model.Bench;

/// <summary>Benchmark settings, from <c>--key value</c> arguments; defaults suit a small CPU box.</summary>
public sealed record BenchOptions
{
    /// <summary>Square input sizes for the forward benchmark. Default 320, 640, 1024.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [320, 640, 1024];

    /// <summary>Batch sizes for the forward benchmark. Default 1 and 4 (use 1 and 32 on a GPU).</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 4];

    /// <summary>Batch size of the training step. Default 2.</summary>
    public int TrainBatch { get; init; } = 2;

    /// <summary>Input size of the training step. Default 640.</summary>
    public int TrainSize { get; init; } = 640;

    /// <summary>Timed repetitions per measurement (the median is reported), after one warm-up. Default 3.</summary>
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

    /// <summary>Where to write the JSON results. Default bench-results/model-bench.json.</summary>
    public string Output { get; init; } = Path.Combine("bench-results", "model-bench.json");

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{key} needs a value");
            o = key switch
            {
                "--sizes" => o with { Sizes = Ints(value) },
                "--batches" => o with { Batches = Ints(value) },
                "--train-batch" => o with { TrainBatch = int.Parse(value, CultureInfo.InvariantCulture) },
                "--train-size" => o with { TrainSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--repeats" => o with { Repeats = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--device" => o with { Device = value },
                "--out" => o with { Output = value },
                "--weights" => o with { Weights = value },
                _ => throw new ArgumentException(
                    $"unknown option {key}; known: --sizes --batches --train-batch --train-size --repeats --threads --device --weights --out"),
            };
        }
        if (o.Sizes.Any(s => s % 32 != 0) || o.TrainSize % 32 != 0)
        {
            throw new ArgumentException("sizes must be multiples of 32");
        }
        if (o.Repeats < 1 || o.Threads < 1 || o.TrainBatch < 1 || o.Batches.Any(b => b < 1))
        {
            throw new ArgumentException("repeats, threads and batch sizes must be at least 1");
        }
        return o;
    }

    private static int[] Ints(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
