using HipFx.Core;

namespace HipFx.Training.Pipeline;

/// <summary>
/// One training batch as the data pipeline delivers it, on the host: <see cref="Count"/> gray images of
/// <see cref="Size"/>×<see cref="Size"/> bytes (row-major, image after image in <see cref="Pixels"/>; the model's
/// three input channels are this plane replicated when the tensor is made) and, per image, its boxes in
/// network-input pixels after augmentation. Images without boxes (no_fracture, or every box dropped) have an empty
/// list. <see cref="Dispose"/> gives pooled buffers back; do not touch <see cref="Pixels"/> afterwards.
/// The step turns a range of it into tensors on a device (<c>TrainingBatchTensors</c>), so the batch can be split
/// across replicas without copying the host data.
/// </summary>
public abstract class TrainingBatch : IDisposable
{
    /// <summary>Side of the square network input in pixels (a multiple of 32).</summary>
    public abstract int Size { get; }

    /// <summary>Number of images.</summary>
    public abstract int Count { get; }

    /// <summary>Count × Size × Size bytes, 0..255 (values as the model sees them).</summary>
    public abstract ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>Per image, its ground-truth boxes in network-input pixels (xyxy).</summary>
    public abstract IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes { get; }

    /// <summary>Per image, the id of the manifest row it was built around (mosaic and mixup add others).</summary>
    public abstract IReadOnlyList<string> ImageIds { get; }

    /// <summary>The epoch (0-based) and the batch index within it: with the seed, they fix every random choice.</summary>
    public abstract int Epoch { get; }

    public abstract int Index { get; }

    public abstract void Dispose();
}
