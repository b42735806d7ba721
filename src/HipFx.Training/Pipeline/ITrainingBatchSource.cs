namespace HipFx.Training.Pipeline;

/// <summary>
/// Where the training loop gets its batches: one epoch at a time, deterministic in (seed, epoch, batch index) for
/// any worker count, so a resumed run continues the exact sequence by starting at a batch index.
/// </summary>
public interface ITrainingBatchSource : IDisposable
{
    /// <summary>Images in the training split that take part in an epoch.</summary>
    int ImageCount { get; }

    /// <summary>Batches per epoch (the last partial batch is dropped, as the official sampler does).</summary>
    int BatchesPerEpoch { get; }

    /// <summary>
    /// The batches of <paramref name="epoch"/> from <paramref name="startBatch"/> on, prefetched in the background.
    /// Whether mosaic/mixup are on depends on the epoch (the no-aug phase). Each batch must be disposed by the consumer.
    /// </summary>
    IEnumerable<TrainingBatch> Epoch(int epoch, int startBatch = 0, CancellationToken cancellation = default);
}
