using HipFx.Core;

namespace HipFx.Training.Pipeline;

/// <summary>A <see cref="TrainingBatch"/> whose pixels live in a pooled buffer, given back on <see cref="Dispose"/>.</summary>
internal sealed class PooledTrainingBatch : TrainingBatch
{
    private readonly BatchBufferPool pool;
    private byte[]? buffer;

    public PooledTrainingBatch(BatchBufferPool pool, byte[] buffer, int size, int count, int epoch, int index,
        IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes, IReadOnlyList<string> imageIds)
    {
        this.pool = pool;
        this.buffer = buffer;
        Size = size;
        Count = count;
        Epoch = epoch;
        Index = index;
        Boxes = boxes;
        ImageIds = imageIds;
    }

    public override int Size { get; }

    public override int Count { get; }

    public override ReadOnlyMemory<byte> Pixels =>
        (buffer ?? throw new ObjectDisposedException(nameof(TrainingBatch))).AsMemory(0, Count * Size * Size);

    public override IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes { get; }

    public override IReadOnlyList<string> ImageIds { get; }

    public override int Epoch { get; }

    public override int Index { get; }

    public override void Dispose()
    {
        var b = Interlocked.Exchange(ref buffer, null);
        if (b is not null)
        {
            pool.Return(b);
        }
    }
}
