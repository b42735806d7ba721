using HipFx.Model.Assign;
using static TorchSharp.torch;

namespace HipFx.Training.Pipeline;

/// <summary>
/// A range of a <see cref="TrainingBatch"/> as the tensors the model and the loss take, on one device:
/// <see cref="Images"/> N×3×S×S float32 in 0..255 (the gray plane replicated into the three input channels) and
/// <see cref="Truth"/> (boxes in network-input pixels). The gray bytes cross to the device once, as uint8, and are
/// widened and replicated there.
/// </summary>
public sealed class TrainingBatchTensors : IDisposable
{
    private TrainingBatchTensors(Tensor images, GroundTruthBatch truth)
    {
        Images = images;
        Truth = truth;
    }

    public Tensor Images { get; }

    public GroundTruthBatch Truth { get; }

    /// <summary>Images <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>−1 of <paramref name="batch"/> on <paramref name="device"/>.</summary>
    public static TrainingBatchTensors From(TrainingBatch batch, int start, int count, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(device);
        if (start < 0 || count <= 0 || start + count > batch.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"range [{start}, {start + count}) is outside a batch of {batch.Count}");
        }
        int size = batch.Size;
        long plane = (long)size * size;
        var pixels = batch.Pixels.Slice(checked((int)(start * plane)), checked((int)(count * plane)));
        Tensor images;
        using (NewDisposeScope())
        {
            var gray = empty([count, 1, size, size], ScalarType.Byte);
            CopyInto(pixels, gray);
            images = gray.to(device).to(ScalarType.Float32).expand(count, 3, size, size).contiguous().MoveToOuterDisposeScope();
        }
        var boxes = new List<IReadOnlyList<HipFx.Core.GroundTruthBox>>(count);
        for (int i = start; i < start + count; i++)
        {
            boxes.Add(batch.Boxes[i]);
        }
        var truth = GroundTruthBatch.FromBoxes(boxes, device);
        return new TrainingBatchTensors(images, truth);
    }

    private static void CopyInto(ReadOnlyMemory<byte> source, Tensor target) => source.Span.CopyTo(target.bytes);

    public void Dispose()
    {
        Images.Dispose();
        Truth.Dispose();
    }
}
