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

        // One K×7 float64 row per candidate: image, class, score, x1, y1, x2, y2 (float32 values and small indices
        // are exact in float64), so the whole batch comes to the host in a single transfer.
        double[] packed;
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
            var rows = cat(
                [idx[.., 0].unsqueeze(1).to(ScalarType.Float64), idx[.., 2].unsqueeze(1).to(ScalarType.Float64),
                 cs.unsqueeze(1).to(ScalarType.Float64), cb.to(ScalarType.Float64)], dim: 1);   // K×7
            packed = HostArray(rows.cpu());
        }
        int count = packed.Length / Columns;
        var candScores = new float[count];
        var candBoxes = new float[count * 4];
        var candImage = new int[count];
        var candClass = new int[count];
        for (int k = 0; k < count; k++)
        {
            candImage[k] = (int)packed[Columns * k];
            candClass[k] = (int)packed[Columns * k + 1];
            candScores[k] = (float)packed[Columns * k + 2];
            for (int j = 0; j < 4; j++)
            {
                candBoxes[4 * k + j] = (float)packed[Columns * k + 3 + j];
            }
        }

        var perImage = new List<int>[batch];
        for (int i = 0; i < batch; i++)
        {
            perImage[i] = [];
        }
        for (int k = 0; k < candScores.Length; k++)
        {
            perImage[candImage[k]].Add(k);
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
                labelsSorted[r] = candClass[sorted[r]];
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

    /// <summary>Columns of a packed candidate row: image, class, score, x1, y1, x2, y2.</summary>
    private const int Columns = 7;

    /// <summary>A CPU float64 tensor's values (an empty array for an empty tensor, where data&lt;T&gt; throws).</summary>
    private static double[] HostArray(Tensor cpu) =>
        cpu.numel() == 0 ? [] : cpu.contiguous().data<double>().ToArray();
}
