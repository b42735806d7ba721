using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// The two normalisers of ZeroHead's loss for a batch (damo-yolo-t.md §4), as 0-dim float32 tensors, before the
/// lower clamp at 1: <see cref="PositiveCount"/> (#positives; divides the QFL) and <see cref="WeightSum"/>
/// (Σ of the positives' highest detached class score; divides GIoU, and 4× it the DFL).
/// <para>
/// The reference averages both over GPUs before use (reduce_mean). A data-parallel trainer gets the same losses by
/// taking each replica's normalisers, averaging them with <see cref="Mean"/>, and passing the mean to every
/// replica's <see cref="ZeroHeadLoss.Compute(HipFx.Model.Head.DensePredictions, HipFx.Model.Assign.LabelAssignment, LossNormalizers?)"/>.
/// </para>
/// </summary>
public sealed record LossNormalizers(Tensor PositiveCount, Tensor WeightSum) : IDisposable
{
    /// <summary>The element-wise mean of several replicas' normalisers, on <paramref name="device"/>.</summary>
    public static LossNormalizers Mean(IReadOnlyList<LossNormalizers> replicas, Device device)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Count == 0)
        {
            throw new ArgumentException("no replicas to average", nameof(replicas));
        }
        using var scope = NewDisposeScope();
        var count = stack(replicas.Select(r => r.PositiveCount.to(device)).ToArray()).mean();
        var weight = stack(replicas.Select(r => r.WeightSum.to(device)).ToArray()).mean();
        return new LossNormalizers(count.MoveToOuterDisposeScope(), weight.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        PositiveCount.Dispose();
        WeightSum.Dispose();
    }
}
