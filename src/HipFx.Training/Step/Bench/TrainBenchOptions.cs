using HipFx.Core;
using HipFx.Torch;

namespace HipFx.Training.Step.Bench;

/// <summary>Settings of <c>hipfx bench train</c>; validate once with <see cref="Validate"/> (errors name the option).</summary>
public sealed record TrainBenchOptions
{
    /// <summary>Square input side in pixels, a multiple of 32. Default 256.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Images per step (over all replicas). Default 8.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Measured steps. Default 20.</summary>
    public int Steps { get; init; } = 20;

    /// <summary>Steps run before measuring (allocator and kernel warm-up). Default 3.</summary>
    public int Warmup { get; init; } = 3;

    /// <summary>Where to run (one replica per GPU; on the CPU, <see cref="StepOptions.Replicas"/>).</summary>
    public DeviceSpec Device { get; init; } = DeviceSpec.Cpu;

    /// <summary>The step's settings (replicas, bf16, TF32).</summary>
    public StepOptions Step { get; init; } = new();

    /// <summary>Where to write the JSON result. Default bench-train.json.</summary>
    public string Json { get; init; } = "bench-train.json";

    public TrainBenchOptions Validate()
    {
        if (Size < 64 || Size > 4096 || Size % 32 != 0)
        {
            throw new HipFxConfigException($"--size: must be a multiple of 32 from 64 to 4096, got {Size}");
        }
        if (Batch < 1 || Batch > 1024)
        {
            throw new HipFxConfigException($"--batch: must be an integer from 1 to 1024, got {Batch}");
        }
        if (Steps < 1 || Steps > 100_000)
        {
            throw new HipFxConfigException($"--steps: must be an integer from 1 to 100000, got {Steps}");
        }
        if (Warmup < 0 || Warmup > 1000)
        {
            throw new HipFxConfigException($"--warmup: must be an integer from 0 to 1000, got {Warmup}");
        }
        if (string.IsNullOrWhiteSpace(Json))
        {
            throw new HipFxConfigException("--json: must name a file");
        }
        ArgumentNullException.ThrowIfNull(Device);
        Step.Validate();
        return this;
    }
}
