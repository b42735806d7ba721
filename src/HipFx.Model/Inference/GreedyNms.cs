namespace HipFx.Model.Inference;

/// <summary>
/// Greedy per-class NMS on host arrays, for candidates already sorted by descending score. The IoU arithmetic is
/// float32 in the order of torchvision's CPU kernel (areas (x2−x1)(y2−y1), inter = max(0, w)·max(0, h),
/// IoU = inter/(area_i + area_j − inter), suppress when IoU &gt; threshold), so decisions match
/// torchvision.ops.batched_nms. One pass, no device round trips: O(candidates × kept of the same class).
/// </summary>
public static class GreedyNms
{
    /// <summary>
    /// Indices (into the candidate arrays) of the kept boxes, in input (score) order, at most <paramref name="maxKeep"/>.
    /// Since kept decisions depend only on higher-scored boxes, stopping at <paramref name="maxKeep"/> gives the
    /// same result as running NMS to the end and then truncating.
    /// </summary>
    public static List<int> Run(ReadOnlySpan<float> boxes, ReadOnlySpan<int> labels, double iouThreshold, int maxKeep)
    {
        int n = labels.Length;
        if (boxes.Length != 4 * n)
        {
            throw new ArgumentException($"expected {4 * n} box values for {n} labels, got {boxes.Length}", nameof(boxes));
        }
        var keptByClass = new Dictionary<int, List<int>>();
        var kept = new List<int>(Math.Min(n, maxKeep));
        for (int i = 0; i < n && kept.Count < maxKeep; i++)
        {
            if (!keptByClass.TryGetValue(labels[i], out var same))
            {
                same = [];
                keptByClass[labels[i]] = same;
            }
            float ix1 = boxes[4 * i], iy1 = boxes[4 * i + 1], ix2 = boxes[4 * i + 2], iy2 = boxes[4 * i + 3];
            float iArea = (ix2 - ix1) * (iy2 - iy1);
            bool suppressed = false;
            foreach (int j in same)
            {
                float jx1 = boxes[4 * j], jy1 = boxes[4 * j + 1], jx2 = boxes[4 * j + 2], jy2 = boxes[4 * j + 3];
                float jArea = (jx2 - jx1) * (jy2 - jy1);
                float w = Math.Max(0f, Math.Min(ix2, jx2) - Math.Max(ix1, jx1));
                float h = Math.Max(0f, Math.Min(iy2, jy2) - Math.Max(iy1, jy1));
                float inter = w * h;
                float iou = inter / (jArea + iArea - inter);
                if (iou > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed)
            {
                same.Add(i);
                kept.Add(i);
            }
        }
        return kept;
    }
}
