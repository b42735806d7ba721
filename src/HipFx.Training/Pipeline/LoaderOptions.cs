using HipFx.Core;

namespace HipFx.Training.Pipeline;

/// <summary>How the batch source runs: background workers building batches into a bounded queue.</summary>
public sealed record LoaderOptions
{
    public static LoaderOptions Default { get; } = new();

    /// <summary>
    /// <c>workers</c>: threads building batches. Default: the processor count less one for the training step, at
    /// least 1 and at most 16. The batches are the same for any worker count.
    /// </summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount - 1, 1, 16);

    /// <summary><c>prefetch</c>: batches built ahead of the training step (the bound of the queue). Default 2.</summary>
    public int PrefetchBatches { get; init; } = 2;

    public LoaderOptions Validate()
    {
        if (Workers < 1 || Workers > 256)
        {
            throw new HipFxConfigException($"loader.workers must be in 1..256, found {Workers}");
        }
        if (PrefetchBatches < 1 || PrefetchBatches > 64)
        {
            throw new HipFxConfigException($"loader.prefetch must be in 1..64, found {PrefetchBatches}");
        }
        return this;
    }
}
