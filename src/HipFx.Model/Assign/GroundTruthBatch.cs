using HipFx.Core;
using static TorchSharp.torch;

namespace HipFx.Model.Assign;

/// <summary>
/// The ground truth of a batch, padded to the largest box count G of the batch so that assignment and losses run
/// as tensor ops over all images at once: <see cref="Boxes"/> N×G×4 float32 xyxy in network-input pixels,
/// <see cref="Labels"/> N×G int64 class ids, <see cref="Mask"/> N×G bool (false on padding). Padding slots hold a
/// zero box and label 0 and are ignored wherever <see cref="Mask"/> is false. G is at least 1, so an all-empty
/// batch still has well-formed shapes.
/// </summary>
public sealed class GroundTruthBatch : IDisposable
{
    private GroundTruthBatch(Tensor boxes, Tensor labels, Tensor mask, long maxLabel)
    {
        Boxes = boxes;
        Labels = labels;
        Mask = mask;
        MaxLabel = maxLabel;
    }

    public Tensor Boxes { get; }

    public Tensor Labels { get; }

    public Tensor Mask { get; }

    /// <summary>The largest class id of the batch (−1 without boxes), known on the host, so a loss can check it.</summary>
    public long MaxLabel { get; }

    public long BatchSize => Boxes.shape[0];

    /// <summary>The padded box count G.</summary>
    public long MaxBoxes => Boxes.shape[1];

    /// <summary>
    /// Builds a batch from per-image annotations whose boxes are already in network-input pixel coordinates (after
    /// the resize to the input size). One host-to-device copy per field.
    /// </summary>
    public static GroundTruthBatch FromBoxes(IReadOnlyList<IReadOnlyList<GroundTruthBox>> images, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one image", nameof(images));
        }
        int n = images.Count;
        int g = Math.Max(1, images.Max(i => i.Count));
        var boxes = new float[n * g * 4];
        var labels = new long[n * g];
        var mask = new bool[n * g];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < images[i].Count; j++)
            {
                var gt = images[i][j];
                int slot = i * g + j;
                boxes[slot * 4 + 0] = (float)gt.Box.X1;
                boxes[slot * 4 + 1] = (float)gt.Box.Y1;
                boxes[slot * 4 + 2] = (float)gt.Box.X2;
                boxes[slot * 4 + 3] = (float)gt.Box.Y2;
                labels[slot] = (long)gt.Class;
                mask[slot] = true;
            }
        }
        return new GroundTruthBatch(
            tensor(boxes, [n, g, 4], device: device),
            tensor(labels, [n, g], device: device),
            tensor(mask, [n, g], device: device),
            images.SelectMany(i => i).Select(b => (long)b.Class).DefaultIfEmpty(-1).Max());
    }

    /// <summary>
    /// Builds a batch from per-image tensors: <paramref name="boxes"/>[i] is G_i×4 xyxy (network-input pixels),
    /// <paramref name="labels"/>[i] has G_i class ids. G_i may be 0. The result lives on <paramref name="device"/>
    /// (default: the device of the first box tensor). Reads each label tensor's range on the host once.
    /// </summary>
    public static GroundTruthBatch FromTensors(IReadOnlyList<Tensor> boxes, IReadOnlyList<Tensor> labels, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(labels);
        if (boxes.Count == 0 || boxes.Count != labels.Count)
        {
            throw new ArgumentException($"expected one box tensor and one label tensor per image, got {boxes.Count} and {labels.Count}");
        }
        for (int i = 0; i < boxes.Count; i++)
        {
            if (boxes[i].dim() != 2 || boxes[i].shape[1] != 4)
            {
                throw new ArgumentException($"image {i}: boxes must be G×4, got [{string.Join(", ", boxes[i].shape)}]", nameof(boxes));
            }
            if (labels[i].dim() != 1 || labels[i].shape[0] != boxes[i].shape[0])
            {
                throw new ArgumentException(
                    $"image {i}: expected {boxes[i].shape[0]} labels, got shape [{string.Join(", ", labels[i].shape)}]", nameof(labels));
            }
        }
        long maxLabel = -1;
        foreach (var l in labels.Where(l => l.numel() > 0))
        {
            using var min = l.min();
            using var max = l.max();
            if (min.item<long>() < 0)
            {
                throw new ArgumentException($"class ids must be >= 0, got {min.item<long>()}", nameof(labels));
            }
            maxLabel = Math.Max(maxLabel, max.item<long>());
        }
        var target = device ?? boxes[0].device;
        int n = boxes.Count;
        long g = Math.Max(1, boxes.Max(b => b.shape[0]));
        using var scope = NewDisposeScope();
        var paddedBoxes = zeros([n, g, 4], ScalarType.Float32, target);
        var paddedLabels = zeros([n, g], ScalarType.Int64, target);
        var mask = zeros([n, g], ScalarType.Bool, target);
        for (int i = 0; i < n; i++)
        {
            long count = boxes[i].shape[0];
            if (count == 0)
            {
                continue;
            }
            paddedBoxes[i, ..(int)count].copy_(boxes[i].to(ScalarType.Float32, target));
            paddedLabels[i, ..(int)count].copy_(labels[i].to(ScalarType.Int64, target));
            mask[i, ..(int)count].fill_(true);
        }
        return new GroundTruthBatch(
            paddedBoxes.MoveToOuterDisposeScope(), paddedLabels.MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope(), maxLabel);
    }

    public void Dispose()
    {
        Boxes.Dispose();
        Labels.Dispose();
        Mask.Dispose();
    }
}
