using HipFx.Core;

namespace HipFx.Data.Augment;

/// <summary>
/// What happens to a box when the pixels under it move (the official rules, damo-yolo-t.md section 5.4): its four
/// corners are transformed, the bounding box taken and clipped to the canvas; after the random affine a box is kept
/// only when its width and height exceed 2 px, its area is over 10% of the old area × scale², and its aspect ratio is
/// under 20; after mosaic and mixup, boxes of area ≤ 4 px² are dropped. A box outside every canvas ends empty and is
/// dropped, never passed on as a degenerate box.
/// </summary>
public static class BoxRules
{
    /// <summary><paramref name="box"/> clipped to [0, <paramref name="width"/>] × [0, <paramref name="height"/>].</summary>
    public static Box Clip(Box box, double width, double height) => new(
        Math.Clamp(box.X1, 0, width), Math.Clamp(box.Y1, 0, height), Math.Clamp(box.X2, 0, width), Math.Clamp(box.Y2, 0, height));

    /// <summary>The official keep rule after the random affine (YOLOX <c>box_candidates</c>, thresholds 2, 0.1, 20).</summary>
    public static bool KeepAfterAffine(Box before, Box after, double scale)
    {
        const double eps = 1e-16;
        double w2 = after.Width, h2 = after.Height;
        double aspect = Math.Max(w2 / (h2 + eps), h2 / (w2 + eps));
        double oldArea = before.Width * scale * before.Height * scale;
        return w2 > 2 && h2 > 2 && w2 * h2 / (oldArea + eps) > 0.1 && aspect < 20;
    }

    /// <summary>The rule after mosaic and mixup: a box of area ≤ 4 px² (or an empty one) is dropped.</summary>
    public static bool KeepAfterMosaic(Box box) => box.Width > 0 && box.Height > 0 && box.Width * box.Height > 4;
}
