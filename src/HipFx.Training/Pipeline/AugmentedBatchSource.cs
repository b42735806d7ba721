using HipFx.Core;
using HipFx.Data.Augment;
using HipFx.Data.Cache;

namespace HipFx.Training.Pipeline;

/// <summary>
/// The training batch source: the epoch's order from the sampler (<see cref="EpochOrder"/>), each sample built by the
/// <see cref="Augmenter"/> from the cached planes with its randomness from (seed, epoch, position), by background
/// workers that keep at most <see cref="LoaderOptions.PrefetchBatches"/> batches ahead of the consumer. Batches come
/// out in order and are the same for any worker count. Mosaic and mixup are off in the last no_aug_epochs epochs.
/// </summary>
public sealed class AugmentedBatchSource : ITrainingBatchSource
{
    private readonly CachedDataset data;
    private readonly Augmenter augmenter;
    private readonly AugmentOptions augment;
    private readonly LoaderOptions loader;
    private readonly int batchSize;
    private readonly int totalEpochs;
    private readonly long seed;
    private readonly BatchBufferPool pool;
    private readonly bool ownsData;

    /// <param name="data">The cached training images.</param>
    /// <param name="batchSize">Images per batch (the whole batch, across devices).</param>
    /// <param name="totalEpochs">Epochs of the run: the last <see cref="AugmentOptions.NoAugEpochs"/> are without mosaic/mixup.</param>
    /// <param name="ownsData">Dispose <paramref name="data"/> with this source.</param>
    public AugmentedBatchSource(CachedDataset data, AugmentOptions augment, LoaderOptions loader, int batchSize, int totalEpochs, long seed,
        bool ownsData = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.augment = (augment ?? throw new ArgumentNullException(nameof(augment))).Validate();
        this.loader = (loader ?? throw new ArgumentNullException(nameof(loader))).Validate();
        if (batchSize < 1)
        {
            throw new HipFxConfigException($"batch size must be at least 1, found {batchSize}");
        }
        if (totalEpochs < 1)
        {
            throw new HipFxConfigException($"epochs must be at least 1, found {totalEpochs}");
        }
        if (data.Count < batchSize)
        {
            throw new HipFxConfigException($"the training split has {data.Count} usable images, fewer than one batch of {batchSize}");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.totalEpochs = totalEpochs;
        this.seed = seed;
        this.ownsData = ownsData;
        augmenter = new Augmenter(data, this.augment);
        pool = new BatchBufferPool(checked(batchSize * data.Size * data.Size));
    }

    public int ImageCount => data.Count;

    public int BatchesPerEpoch => data.Count / batchSize;

    /// <summary>Side of the square network input.</summary>
    public int Size => data.Size;

    /// <summary>Images left out as unreadable by the skip setting (list them at the end of a run).</summary>
    public IReadOnlyList<SkippedImage> Skipped => data.Skipped;

    /// <summary>Pixel buffers allocated so far: bounded by the prefetch depth, not by the number of batches.</summary>
    public int BuffersCreated => pool.Created;

    public IEnumerable<TrainingBatch> Epoch(int epoch, int startBatch = 0, CancellationToken cancellation = default)
    {
        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epochs count from 0");
        }
        if (startBatch < 0 || startBatch > BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(startBatch), startBatch, $"an epoch has {BatchesPerEpoch} batches");
        }
        return Run(epoch, startBatch, cancellation);
    }

    /// <summary>Builds batch <paramref name="index"/> of <paramref name="epoch"/> on the calling thread.</summary>
    public TrainingBatch Build(int epoch, int index) => Build(epoch, index, EpochOrder.Shuffle(data.Count, seed, epoch));

    public void Dispose()
    {
        if (ownsData)
        {
            data.Dispose();
        }
    }

    private IEnumerable<TrainingBatch> Run(int epoch, int startBatch, CancellationToken cancellation)
    {
        int end = BatchesPerEpoch;
        if (startBatch >= end)
        {
            yield break;
        }
        var order = EpochOrder.Shuffle(data.Count, seed, epoch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var ready = new Dictionary<int, TrainingBatch>();
        var window = new SemaphoreSlim(loader.PrefetchBatches);
        Exception? failure = null;
        int next = startBatch;
        int workerCount = Math.Min(loader.Workers, end - startBatch);
        var workers = new Thread[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        window.Wait(stop.Token);
                        int b = Interlocked.Increment(ref next) - 1;
                        if (b >= end)
                        {
                            return;
                        }
                        var batch = Build(epoch, b, order);
                        lock (ready)
                        {
                            ready[b] = batch;
                            Monitor.PulseAll(ready);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception e)
                {
                    lock (ready)
                    {
                        failure ??= e;
                        Monitor.PulseAll(ready);
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"hipfx-loader-{w}",
            };
            workers[w].Start();
        }
        try
        {
            for (int b = startBatch; b < end; b++)
            {
                TrainingBatch batch;
                lock (ready)
                {
                    while (!ready.ContainsKey(b) && failure is null)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        Monitor.Wait(ready, 200);
                    }
                    if (failure is not null && !ready.ContainsKey(b))
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                    }
                    batch = ready[b];
                    ready.Remove(b);
                }
                window.Release();
                yield return batch;
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var worker in workers)
            {
                worker.Join();
            }
            foreach (var left in ready.Values)
            {
                left.Dispose();
            }
            window.Dispose();
        }
    }

    private PooledTrainingBatch Build(int epoch, int index, int[] order)
    {
        bool mosaicOn = augment.MosaicOn(epoch, totalEpochs);
        int plane = data.Size * data.Size;
        var buffer = pool.Rent();
        try
        {
            var boxes = new IReadOnlyList<GroundTruthBox>[batchSize];
            var ids = new string[batchSize];
            for (int j = 0; j < batchSize; j++)
            {
                int position = index * batchSize + j;
                int image = order[position];
                var list = new List<GroundTruthBox>();
                augmenter.Build(image, SampleRandom.For(seed, epoch, position), mosaicOn, buffer.AsSpan(j * plane, plane), list);
                boxes[j] = list;
                ids[j] = data.Images[image].ImageId;
            }
            return new PooledTrainingBatch(pool, buffer, data.Size, batchSize, epoch, index, boxes, ids);
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
    }
}
