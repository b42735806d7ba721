using HipFx.Bench;

namespace HipFx.Loss.Bench;

/// <summary>
/// Loss benchmark settings, from <c>--key value</c> arguments; <c>--quick</c> starts from a short preset that later
/// arguments still override. (The whole training step with the model is in the model benchmark.)
/// </summary>
public sealed record LossBenchOptions
{
    /// <summary>Images per batch. Default 8.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Square input size (multiple of 32): 21504 priors at 1024. Default 1024.</summary>
    public int Size { get; init; } = 1024;

    /// <summary>Ground-truth boxes per image (random sizes and classes). Default 3.</summary>
    public int Boxes { get; init; } = 3;

    /// <summary>Classes. Default 4.</summary>
    public int Classes { get; init; } = 4;

    /// <summary>Timed repetitions per measurement (median reported) after one warm-up. Default 5.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Intra-op threads for libtorch on the CPU. Default 2.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Torch device: cpu, cuda:0. Default cpu.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>JSON output path. Default artifacts/bench/loss.json.</summary>
    public string Output { get; init; } = Path.Combine("artifacts", "bench", "loss.json");

    /// <summary>Whether the <c>--quick</c> preset was the starting point.</summary>
    public bool Quick { get; init; }

    /// <summary>The <c>--quick</c> preset: a batch of 2 at 640, 3 repeats.</summary>
    public static LossBenchOptions QuickPreset { get; } = new() { Batch = 2, Size = 640, Repeats = 3, Quick = true };

    public static LossBenchOptions Parse(string[] args)
    {
        var o = BenchArgs.Parse(args, new LossBenchOptions(), QuickPreset, new Dictionary<string, Func<LossBenchOptions, string, LossBenchOptions>>
        {
            ["--batch"] = (r, v) => r with { Batch = BenchArgs.Int(v) },
            ["--size"] = (r, v) => r with { Size = BenchArgs.Int(v) },
            ["--boxes"] = (r, v) => r with { Boxes = BenchArgs.Int(v) },
            ["--classes"] = (r, v) => r with { Classes = BenchArgs.Int(v) },
            ["--repeats"] = (r, v) => r with { Repeats = BenchArgs.Int(v) },
            ["--threads"] = (r, v) => r with { Threads = BenchArgs.Int(v) },
            ["--device"] = (r, v) => r with { Device = v },
            ["--out"] = (r, v) => r with { Output = v },
        });
        if (o.Size % 32 != 0 || o.Size < 64)
        {
            throw new ArgumentException($"--size must be a multiple of 32 and at least 64, got {o.Size}");
        }
        if (o.Batch < 1 || o.Boxes < 0 || o.Classes < 1 || o.Repeats < 1 || o.Threads < 1)
        {
            throw new ArgumentException("batch, classes, repeats and threads must be at least 1; boxes at least 0");
        }
        return o;
    }
}
