using HipFx.Core;
using HipFx.Training.Pipeline;

namespace HipFx.Training.Tests.Fakes;

/// <summary>
/// A deterministic training batch for loop tests: per image a dark noisy field with one bright rectangle (its box)
/// of a class, all drawn from (seed, epoch, index), as the real pipeline's randomness is.
/// </summary>
internal sealed class SyntheticBatch : TrainingBatch
{
    private readonly byte[] pixels;

    public SyntheticBatch(int seed, int epoch, int index, int count, int size, int classes)
    {
        Epoch = epoch;
        Index = index;
        Count = count;
        Size = size;
        pixels = new byte[count * size * size];
        var random = new Random(unchecked(seed * 1_000_003 + epoch * 10_007 + index));
        var boxes = new List<IReadOnlyList<GroundTruthBox>>();
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var plane = pixels.AsSpan(i * size * size, size * size);
            for (int p = 0; p < plane.Length; p++)
            {
                plane[p] = (byte)random.Next(0, 40);
            }
            int w = random.Next(size / 6, size / 2), h = random.Next(size / 6, size / 2);
            int x0 = random.Next(0, size - w), y0 = random.Next(0, size - h);
            int label = random.Next(0, classes);
            for (int y = y0; y < y0 + h; y++)
            {
                plane.Slice(y * size + x0, w).Fill((byte)(150 + 25 * label));
            }
            boxes.Add([new GroundTruthBox((FractureClass)label, new Box(x0, y0, x0 + w, y0 + h))]);
            ids.Add($"e{epoch}-b{index}-i{i}");
        }
        Boxes = boxes;
        ImageIds = ids;
    }

    public override int Size { get; }

    public override int Count { get; }

    public override ReadOnlyMemory<byte> Pixels => pixels;

    public override IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes { get; }

    public override IReadOnlyList<string> ImageIds { get; }

    public override int Epoch { get; }

    public override int Index { get; }

    public override void Dispose()
    {
    }
}

/// <summary>Batches of <see cref="SyntheticBatch"/>, the same for the same (seed, epoch, index).</summary>
internal sealed class SyntheticBatchSource(int seed, int batchesPerEpoch, int batchSize, int size, int classes) : ITrainingBatchSource
{
    public int ImageCount => batchesPerEpoch * batchSize;

    public int BatchesPerEpoch => batchesPerEpoch;

    public IEnumerable<TrainingBatch> Epoch(int epoch, int startBatch = 0, CancellationToken cancellation = default)
    {
        for (int i = startBatch; i < batchesPerEpoch; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return new SyntheticBatch(seed, epoch, i, batchSize, size, classes);
        }
    }

    public void Dispose()
    {
    }
}
