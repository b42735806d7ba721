using HipFx.Model.Assign;
using static TorchSharp.torch;

namespace HipFx.Training.Pipeline;

/// <summary>
/// A range of a <see cref="TrainingBatch"/> as the model and loss take it on one device: images N×3×S×S float32
/// 0..255 (the gray plane in all three channels) and the padded <see cref="GroundTruthBatch"/>. The pixels cross to
/// the device once, as bytes; the float conversion and the channel expansion happen on the device.
/// </summary>
public sealed class TrainingBatchTensors : IDisposable
{
    private TrainingBatchTensors(Tensor images, GroundTruthBatch truth)
    {
        Images = images;
        Truth = truth;
    }

    /// <summary>N×3×S×S float32, values 0..255 (stored channels-last when asked).</summary>
    public Tensor Images { get; }

    public GroundTruthBatch Truth { get; }

    /// <summary>
    /// Images [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="batch"/> on
    /// <paramref name="device"/>; with <paramref name="channelsLast"/> the images are stored NHWC (one copy either way).
    /// </summary>
    public static TrainingBatchTensors From(TrainingBatch batch, int start, int count, Device device, bool channelsLast = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(device);
        if (start < 0 || count < 1 || start + count > batch.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"range [{start}, {start}+{count}) outside a batch of {batch.Count}");
        }
        int s = batch.Size;
        int plane = s * s;
        var truth = GroundTruthBatch.FromBoxes(batch.Boxes.Skip(start).Take(count).ToList(), device);
        try
        {
            using var scope = NewDisposeScope();
            var host = empty([count, 1, s, s], ScalarType.Byte);
            batch.Pixels.Span.Slice(start * plane, count * plane).CopyTo(host.bytes);
            var expanded = host.to(device).to_type(ScalarType.Float32).expand(count, 3, s, s);
            var images = channelsLast ? HipFx.Torch.ChannelsLast.Of(expanded) : expanded.contiguous();
            return new TrainingBatchTensors(images.MoveToOuterDisposeScope(), truth);
        }
        catch
        {
            truth.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Images.Dispose();
        Truth.Dispose();
    }
}
