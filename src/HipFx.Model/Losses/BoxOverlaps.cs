using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// IoU and GIoU of xyxy boxes as DAMO-YOLO computes them for its assigner and its GIoU loss (damo-yolo-t.md §4):
/// intersection width and height clamped at 0, the union (and the enclosing area) clamped from below at
/// <c>eps</c> = 1e-6, so degenerate boxes give 0 instead of NaN. Boxes are not required to be well ordered; an
/// inverted box gets a negative area, as in the reference.
/// </summary>
public static class BoxOverlaps
{
    /// <summary>The lower clamp of union and enclosing area used by the official assigner and GIoU loss.</summary>
    public const double DefaultEps = 1e-6;

    /// <summary>
    /// Pairwise IoU: <paramref name="boxes"/> [..., M, 4] against <paramref name="others"/> [..., G, 4] (same leading
    /// batch shape) → [..., M, G].
    /// </summary>
    public static Tensor PairwiseIou(Tensor boxes, Tensor others, double eps = DefaultEps)
    {
        using var scope = NewDisposeScope();
        var a = boxes.unsqueeze(-2);   // [..., M, 1, 4]
        var b = others.unsqueeze(-3);  // [..., 1, G, 4]
        var areaA = Area(boxes).unsqueeze(-1);   // [..., M, 1]
        var areaB = Area(others).unsqueeze(-2);  // [..., 1, G]
        var overlap = IntersectionArea(a, b);    // [..., M, G]
        var union = (areaA + areaB - overlap).clamp_min(eps);
        return (overlap / union).MoveToOuterDisposeScope();
    }

    /// <summary>Element-wise generalised IoU of aligned pairs: [..., 4] and [..., 4] → [...].</summary>
    public static Tensor AlignedGiou(Tensor boxes, Tensor others, double eps = DefaultEps)
    {
        using var scope = NewDisposeScope();
        var overlap = IntersectionArea(boxes, others);
        var union = (Area(boxes) + Area(others) - overlap).clamp_min(eps);
        var iou = overlap / union;
        var enclosedLt = minimum(boxes[TensorIndex.Ellipsis, ..2], others[TensorIndex.Ellipsis, ..2]);
        var enclosedRb = maximum(boxes[TensorIndex.Ellipsis, 2..], others[TensorIndex.Ellipsis, 2..]);
        var enclosedWh = (enclosedRb - enclosedLt).clamp_min(0);
        var enclosedArea = (enclosedWh[TensorIndex.Ellipsis, 0] * enclosedWh[TensorIndex.Ellipsis, 1]).clamp_min(eps);
        return (iou - (enclosedArea - union) / enclosedArea).MoveToOuterDisposeScope();
    }

    /// <summary>(x2 − x1)·(y2 − y1) of [..., 4] boxes, unclamped.</summary>
    public static Tensor Area(Tensor boxes)
    {
        using var scope = NewDisposeScope();
        var w = boxes[TensorIndex.Ellipsis, 2] - boxes[TensorIndex.Ellipsis, 0];
        var h = boxes[TensorIndex.Ellipsis, 3] - boxes[TensorIndex.Ellipsis, 1];
        return (w * h).MoveToOuterDisposeScope();
    }

    /// <summary>Intersection area of two broadcastable [..., 4] box tensors.</summary>
    private static Tensor IntersectionArea(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var lt = maximum(a[TensorIndex.Ellipsis, ..2], b[TensorIndex.Ellipsis, ..2]);
        var rb = minimum(a[TensorIndex.Ellipsis, 2..], b[TensorIndex.Ellipsis, 2..]);
        var wh = (rb - lt).clamp_min(0);
        return (wh[TensorIndex.Ellipsis, 0] * wh[TensorIndex.Ellipsis, 1]).MoveToOuterDisposeScope();
    }
}
