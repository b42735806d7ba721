using static TorchSharp.torch;

namespace HipFx.Model.Inference;

/// <summary>
/// The official postprocess (damo-yolo-t.md §6): keep every (prior, class) pair with score &gt; threshold (one prior
/// may give several classes), class-wise NMS, at most N detections per image in descending score order. The
/// threshold and gathering run on the tensors' device; the candidates of the whole batch then come to the host in
/// one transfer and <see cref="GreedyNms"/> runs there (no per-box syncs). Boxes are in the coordinates they come in.
/// </summary>
public sealed class PostProcessor
{
    public PostProcessor(PostProcessOptions? options = null)
    {
        Options = options ?? new PostProcessOptions();
        Options.Validate();
    }

    public PostProcessOptions Options { get; }

    /// <summary>Scores N×P×C (after sigmoid) and boxes N×P×4 xyxy → detections per image.</summary>
    public IReadOnlyList<ImageDetections> Run(Tensor scores, Tensor boxes)
    {
        if (scores.dim() != 3 || boxes.dim() != 3 || boxes.shape[2] != 4 || scores.shape[0] != boxes.shape[0]
            || scores.shape[1] != boxes.shape[1])
        {
            throw new ArgumentException(
                $"expected scores N×P×C and boxes N×P×4, got [{string.Join(", ", scores.shape)}] and [{string.Join(", ", boxes.shape)}]");
        }
        int batch = (int)scores.shape[0];

        float[] candScores, candBoxes;
        long[] candIndex;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var s = scores.detach().to(ScalarType.Float32);
            var b = boxes.detach().to(ScalarType.Float32);
            var mask = s > Options.ScoreThreshold;
            var idx = mask.nonzero();                      // K×3 (image, prior, class), row-major order
            var cs = s.masked_select(mask);                // K, same row-major order
            var flatPrior = idx[.., 0] * s.shape[1] + idx[.., 1];
            var cb = b.reshape(-1, 4).index_select(0, flatPrior); // K×4
            var packed = stack([idx[.., 0], idx[.., 2]], dim: 1).cpu();
            candIndex = HostArray<long>(packed);
            candScores = HostArray<float>(cs.cpu());
            candBoxes = HostArray<float>(cb.cpu());
        }

        var perImage = new List<int>[batch];
        for (int i = 0; i < batch; i++)
        {
            perImage[i] = [];
        }
        for (int k = 0; k < candScores.Length; k++)
        {
            perImage[candIndex[2 * k]].Add(k);
        }

        var results = new ImageDetections[batch];
        for (int i = 0; i < batch; i++)
        {
            var order = perImage[i];
            // Stable sort by descending score (ties keep the (prior, class) order).
            var sorted = order.ToArray(); // candidate indices, ascending = (prior, class) order
            Array.Sort(sorted, (a, b) => candScores[a] != candScores[b] ? candScores[b].CompareTo(candScores[a]) : a.CompareTo(b));
            var boxesSorted = new float[sorted.Length * 4];
            var labelsSorted = new int[sorted.Length];
            for (int r = 0; r < sorted.Length; r++)
            {
                Array.Copy(candBoxes, 4 * sorted[r], boxesSorted, 4 * r, 4);
                labelsSorted[r] = (int)candIndex[2 * sorted[r] + 1];
            }
            var kept = GreedyNms.Run(boxesSorted, labelsSorted, Options.IouThreshold, Options.MaxDetections);
            var outBoxes = new float[kept.Count * 4];
            var outScores = new float[kept.Count];
            var outLabels = new int[kept.Count];
            for (int r = 0; r < kept.Count; r++)
            {
                Array.Copy(boxesSorted, 4 * kept[r], outBoxes, 4 * r, 4);
                outScores[r] = candScores[sorted[kept[r]]];
                outLabels[r] = labelsSorted[kept[r]];
            }
            results[i] = new ImageDetections(outBoxes, outScores, outLabels);
        }
        return results;
    }

    /// <summary>A contiguous CPU tensor's values (an empty array for an empty tensor, where data&lt;T&gt; throws).</summary>
    private static T[] HostArray<T>(Tensor cpu) where T : unmanaged =>
        cpu.numel() == 0 ? [] : cpu.contiguous().data<T>().ToArray();
}
