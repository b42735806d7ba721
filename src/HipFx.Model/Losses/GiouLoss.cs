using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// GIoU loss 1 − GIoU(pred, target) of aligned xyxy box pairs (damo-yolo-t.md §4), with the union and the
/// enclosing area clamped at <see cref="BoxOverlaps.DefaultEps"/> as in the reference.
/// </summary>
public static class GiouLoss
{
    /// <summary><paramref name="predicted"/> [..., 4] (with gradient), <paramref name="targets"/> [..., 4] → [...].</summary>
    public static Tensor Elementwise(Tensor predicted, Tensor targets, double eps = BoxOverlaps.DefaultEps)
    {
        using var scope = NewDisposeScope();
        var giou = BoxOverlaps.AlignedGiou(predicted, targets, eps);
        return (1 - giou).MoveToOuterDisposeScope();
    }
}
