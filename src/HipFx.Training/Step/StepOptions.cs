using HipFx.Core;

namespace HipFx.Training.Step;

/// <summary>
/// How the training step runs (config section <c>runtime</c>, beside the device and thread keys). Validate once with
/// <see cref="Validate"/>; an error names the key.
/// </summary>
public sealed record StepOptions
{
    /// <summary>The configuration section these keys live in.</summary>
    public const string Section = "runtime";

    /// <summary>
    /// Model replicas on the CPU (data parallelism on one host, mainly for testing the multi-device path). Ignored on
    /// CUDA, where there is one replica per GPU of the device spec. Default 1.
    /// </summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// bf16 autocast for forward and backward (weights, gradients, optimizer and EMA stay float32; the losses are
    /// computed in float32). Default off: on this CPU (avx512_bf16, libtorch 2.10) it made the step slower, not faster
    /// (256², batch 8: 3.5 CPU-s per step against 1.9 in fp32, backward 86% of it); the forward stays close to the
    /// fp32 goldens (scores within 3e-3). Unmeasured on CUDA (scripts/gpu-check.sh measures it).
    /// </summary>
    public bool Bf16 { get; init; }

    /// <summary>
    /// The step's input images stored channels-last (NHWC; <see cref="HipFx.Torch.ChannelsLast"/>): the convolutions
    /// then run NHWC kernels and hand NHWC activations on through the network, without reordering every input and
    /// output. The same values, so the same results up to float rounding. Weights, gradients and optimizer buffers
    /// stay contiguous NCHW (autograd gives a gradient its parameter's layout), so checkpoints are unaffected;
    /// converting the weights too measured no faster. Default on: on this 2-core CPU (libtorch 2.10, oneDNN; 256²,
    /// batch 8, one thread) 1.2–1.3× faster, interleaved runs of 40 steps: 5.0–5.5 → 6.4–6.6 images/s. Unmeasured on
    /// CUDA, where the official code gains from it too (scripts/gpu-check.sh measures both).
    /// </summary>
    public bool ChannelsLast { get; init; } = true;

    /// <summary>TF32 matmuls and convolutions on CUDA (no effect on the CPU). Default on.</summary>
    public bool Tf32 { get; init; } = true;

    /// <summary>
    /// Hand free native heap memory back to the OS (glibc malloc_trim) every this many steps; 0 = never. Default 10.
    /// Without it the process's resident size creeps up by several MiB per step on the CPU (no tensor is alive: the
    /// step's freed blocks stay in glibc's fragmented arenas); trimming every step keeps it flat at a cost of about
    /// a tenth more CPU time per step (measured at 128², batch 8), every tenth step bounds it for a hundredth.
    /// </summary>
    public int TrimNativeHeapEvery { get; init; } = 10;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the first bad key.</summary>
    public StepOptions Validate()
    {
        if (Replicas < 1 || Replicas > 64)
        {
            throw HipFxConfigException.ForKey($"{Section}.replicas", $"must be an integer from 1 to 64, got {Replicas}");
        }
        if (TrimNativeHeapEvery < 0 || TrimNativeHeapEvery > 1_000_000)
        {
            throw HipFxConfigException.ForKey($"{Section}.trim_native_heap_every", $"must be an integer from 0 (never) to 1000000, got {TrimNativeHeapEvery}");
        }
        return this;
    }
}
