using HipFx.Model.Losses;
using static TorchSharp.torch;

namespace HipFx.Model.Assign;

/// <summary>
/// DAMO-YOLO's AlignOTA label assigner (damo-yolo-t.md §4.1), run on detached predictions for a whole batch at once
/// with tensor ops on the predictions' device: no loop over images or boxes and no host synchronisation. Ground
/// truth is padded per batch (<see cref="GroundTruthBatch"/>); padding slots never match.
/// <para>
/// Per image: a prior is a candidate if its point lies strictly inside some GT box or strictly inside some GT's
/// centre square (centre ± radius·stride). Each (candidate, GT) pair costs
/// cls_weight·Σ_c QFL(p_c, onehot_c·IoU) + iou_weight·(−log(IoU + 1e-7)) + 1e8 unless the prior is inside both that
/// GT's box and its centre square. Each GT takes its k cheapest candidates, k = max(1, ⌊Σ of its top-10 candidate
/// IoUs⌋). A prior taken by several GTs keeps the GT (among all of the image's GTs) of least cost.
/// </para>
/// <para>
/// Ranking uses the float32 cost widened to float64 before the 1e8 penalty is added, so penalised candidates keep
/// their order instead of collapsing onto float32's 8-unit grid around 1e8; the reference's choice among such
/// ties is arbitrary, and this picks the cheapest of them. Outside ties the choice is the reference's.
/// </para>
/// </summary>
public sealed class AlignOtaAssigner
{
    private readonly AlignOtaOptions options;

    public AlignOtaAssigner(AlignOtaOptions? options = null)
    {
        this.options = (options ?? new AlignOtaOptions()).Validate();
    }

    public AlignOtaOptions Options => options;

    /// <summary>
    /// Assigns the batch. <paramref name="scores"/> N×P×C sigmoid class scores, <paramref name="boxes"/> N×P×4 decoded
    /// xyxy boxes (both taken detached), <paramref name="priors"/> P×4 rows (x, y, stride_x, stride_y), all in
    /// network-input pixels; <paramref name="truth"/> on the same device.
    /// </summary>
    public LabelAssignment Assign(Tensor scores, Tensor boxes, Tensor priors, GroundTruthBatch truth)
    {
        CheckShapes(scores, boxes, priors, truth);
        long n = scores.shape[0], p = scores.shape[1], numClasses = scores.shape[2], g = truth.MaxBoxes;

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var probabilities = scores.detach().to(ScalarType.Float32);
        var predicted = boxes.detach().to(ScalarType.Float32);
        var gtBoxes = truth.Boxes.to(ScalarType.Float32);
        var real = truth.Mask.unsqueeze(1);                                        // N×1×G

        // 1. Candidates: inside a GT box or inside a GT's centre square.
        var (inBox, inCentre) = Regions(priors.to(ScalarType.Float32), gtBoxes, options.CenterRadius);
        inBox = inBox & real;
        inCentre = inCentre & real;
        var candidate = (inBox | inCentre).any(2);                                  // N×P
        var inBoth = inBox & inCentre;                                              // N×P×G
        var pairOk = candidate.unsqueeze(2) & real;                                 // N×P×G

        // 2. IoU cost.
        var iou = BoxOverlaps.PairwiseIou(predicted, gtBoxes);                      // N×P×G
        var iouCost = -(iou + options.IouCostEps).log();

        // 3. Classification cost: QFL of the score vector against one-hot(GT class)·IoU, summed over classes.
        var classCost = ClassificationCost(probabilities, iou, truth.Labels, numClasses);   // N×P×G

        // 4. Cost of each pair (float32, as the reference), then a float64 ranking key with the penalty.
        var cost = classCost * options.ClsWeight + iouCost * options.IouWeight;
        var rankKey = cost.to(ScalarType.Float64) + inBoth.logical_not().to(ScalarType.Float64) * options.OutsidePenalty;
        rankKey = rankKey.masked_fill(pairOk.logical_not(), double.PositiveInfinity);

        // 5. Dynamic k per GT from the sum of its top candidate IoUs (non-candidates count as IoU 0).
        int topK = (int)Math.Min(options.CandidateTopK, p);
        var candidateIou = iou.masked_fill(pairOk.logical_not(), 0.0f);
        var topIouSum = candidateIou.topk(topK, dim: 1).values.sum(1);             // N×G
        var k = topIouSum.to(ScalarType.Int32).to(ScalarType.Int64).clamp(1, topK) * truth.Mask.to(ScalarType.Int64);

        // 6. Each GT takes its k cheapest candidates (a rank mask over its topK cheapest).
        var (pickedKeys, pickedIndex) = rankKey.transpose(1, 2).topk(topK, dim: 2, largest: false);   // N×G×topK
        var rank = arange(topK, ScalarType.Int64, scores.device).view(1, 1, topK);
        var take = (rank < k.unsqueeze(2)) & pickedKeys.isfinite();
        var match = zeros([n, g, p], ScalarType.Bool, scores.device).scatter_(2, pickedIndex, take).transpose(1, 2);  // N×P×G

        // 7. A prior taken by several GTs keeps the cheapest GT of its row.
        var takers = match.sum(2);                                                  // N×P
        var foreground = takers > 0;
        var onlyTaker = match.to(ScalarType.Int32).argmax(2);
        var cheapest = rankKey.argmin(2);
        var gtIndex = where(takers > 1, cheapest, onlyTaker);
        var safeIndex = gtIndex.masked_fill(foreground.logical_not(), 0);
        gtIndex = gtIndex.masked_fill(foreground.logical_not(), -1);

        var labels = truth.Labels.gather(1, safeIndex).masked_fill(foreground.logical_not(), numClasses);
        var quality = iou.gather(2, safeIndex.unsqueeze(2)).squeeze(2).masked_fill(foreground.logical_not(), 0.0f);
        var targets = gtBoxes.gather(1, safeIndex.unsqueeze(2).expand(n, p, 4)).masked_fill(foreground.logical_not().unsqueeze(2), 0.0f);

        return new LabelAssignment(
            foreground.MoveToOuterDisposeScope(), gtIndex.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(),
            quality.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// N×P×G masks: prior point strictly inside the GT box; strictly inside the GT's centre square
    /// (centre ± radius·stride, per axis). Same float32 arithmetic as the reference.
    /// </summary>
    public static (Tensor InBox, Tensor InCentre) Regions(Tensor priors, Tensor gtBoxes, double radius)
    {
        using var scope = NewDisposeScope();
        var x = priors[.., 0].view(1, -1, 1);
        var y = priors[.., 1].view(1, -1, 1);
        var strideX = priors[.., 2].view(1, -1, 1);
        var strideY = priors[.., 3].view(1, -1, 1);
        var x1 = gtBoxes[.., .., 0].unsqueeze(1);
        var y1 = gtBoxes[.., .., 1].unsqueeze(1);
        var x2 = gtBoxes[.., .., 2].unsqueeze(1);
        var y2 = gtBoxes[.., .., 3].unsqueeze(1);

        var inBox = ((x - x1) > 0) & ((y - y1) > 0) & ((x2 - x) > 0) & ((y2 - y) > 0);

        var cx = (x1 + x2) / 2.0;
        var cy = (y1 + y2) / 2.0;
        var reachX = strideX * radius;
        var reachY = strideY * radius;
        var inCentre = ((x - (cx - reachX)) > 0) & ((y - (cy - reachY)) > 0)
            & (((cx + reachX) - x) > 0) & (((cy + reachY) - y) > 0);
        return (inBox.MoveToOuterDisposeScope(), inCentre.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// N×P×G: Σ_c BCE(p_c, s_c)·|s_c − p_c|² with s = one-hot(GT class)·IoU. The per-class terms are laid out as
    /// N×P×G×C and summed over classes, like the reference.
    /// </summary>
    private static Tensor ClassificationCost(Tensor probabilities, Tensor iou, Tensor gtLabels, long numClasses)
    {
        using var scope = NewDisposeScope();
        long n = probabilities.shape[0], p = probabilities.shape[1], g = iou.shape[2];
        var negative = QualityFocalLoss.Elementwise(probabilities, zeros_like(probabilities));   // N×P×C, soft target 0
        var index = gtLabels.view(n, 1, g).expand(n, p, g);
        var atGtClass = probabilities.gather(2, index);                                          // N×P×G
        var positive = QualityFocalLoss.Elementwise(atGtClass, iou);                             // N×P×G, soft target IoU
        var isGtClass = nn.functional.one_hot(gtLabels, numClasses).to(ScalarType.Bool).view(n, 1, g, numClasses);
        var perClass = where(isGtClass, positive.unsqueeze(3), negative.unsqueeze(2));          // N×P×G×C
        return perClass.sum(3).MoveToOuterDisposeScope();
    }

    private static void CheckShapes(Tensor scores, Tensor boxes, Tensor priors, GroundTruthBatch truth)
    {
        if (scores.dim() != 3)
        {
            throw new ArgumentException($"scores must be N×P×C, got [{string.Join(", ", scores.shape)}]", nameof(scores));
        }
        long n = scores.shape[0], p = scores.shape[1];
        if (boxes.dim() != 3 || boxes.shape[0] != n || boxes.shape[1] != p || boxes.shape[2] != 4)
        {
            throw new ArgumentException($"boxes must be {n}×{p}×4, got [{string.Join(", ", boxes.shape)}]", nameof(boxes));
        }
        if (priors.dim() != 2 || priors.shape[0] != p || priors.shape[1] != 4)
        {
            throw new ArgumentException($"priors must be {p}×4, got [{string.Join(", ", priors.shape)}]", nameof(priors));
        }
        if (truth.BatchSize != n)
        {
            throw new ArgumentException($"ground truth has {truth.BatchSize} images, predictions {n}", nameof(truth));
        }
    }
}
