using HipFx.Model.Assign;
using HipFx.Model.Head;
using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// ZeroHead's training loss (damo-yolo-t.md §4): AlignOTA assignment on the detached predictions, then
/// <list type="bullet">
/// <item>QFL over every prior and class, ÷ max(#positives, 1), × 1.0;</item>
/// <item>GIoU over positives, each weighted by w = its highest detached class score, ÷ max(Σw, 1), × 2.0;</item>
/// <item>DFL over the 4 sides of each positive, weighted by w, ÷ (4·max(Σw, 1)), × 0.25;</item>
/// </list>
/// total = QFL + GIoU + DFL. Everything is computed over the whole batch with masks (background rows carry weight 0),
/// so one call makes no host round trip. A batch without positives gives GIoU = DFL = 0.
/// <para>
/// The normalisers are the batch's own: the reference averages them over GPUs (reduce_mean), which a
/// data-parallel trainer reproduces only if it computes the loss over the whole global batch.
/// </para>
/// </summary>
public sealed class ZeroHeadLoss
{
    private readonly ZeroHeadLossOptions options;
    private readonly AlignOtaAssigner assigner;

    public ZeroHeadLoss(ZeroHeadLossOptions? options = null)
    {
        this.options = (options ?? new ZeroHeadLossOptions()).Validate();
        assigner = new AlignOtaAssigner(this.options.Assigner);
    }

    public ZeroHeadLossOptions Options => options;

    /// <summary>Losses of one batch from the model's dense training-mode predictions (see <see cref="DamoYolo.forward"/>).</summary>
    public DetectionLosses Compute(DensePredictions predictions, GroundTruthBatch truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return Compute(predictions.Scores, predictions.Boxes, predictions.RegLogits, predictions.Priors, truth);
    }

    /// <summary>
    /// Losses of one batch. <paramref name="scores"/> N×P×C sigmoid class scores and <paramref name="boxes"/> N×P×4
    /// decoded xyxy boxes (both with gradient), <paramref name="regLogits"/> N×P×4×(reg_max+1) distance-bin logits
    /// (after the head's Scale, before the softmax), <paramref name="priors"/> P×4 rows (x, y, stride, stride), and
    /// the padded ground truth in network-input pixels.
    /// </summary>
    public DetectionLosses Compute(Tensor scores, Tensor boxes, Tensor regLogits, Tensor priors, GroundTruthBatch truth)
    {
        long bins = options.RegMax + 1;
        if (regLogits.dim() != 4 || regLogits.shape[0] != scores.shape[0] || regLogits.shape[1] != scores.shape[1]
            || regLogits.shape[2] != 4 || regLogits.shape[3] != bins)
        {
            throw new ArgumentException(
                $"regression logits must be {scores.shape[0]}×{scores.shape[1]}×4×{bins}, got [{string.Join(", ", regLogits.shape)}]",
                nameof(regLogits));
        }
        using var scope = NewDisposeScope();
        var assignment = assigner.Assign(scores, boxes, priors, truth);
        var positive = assignment.Foreground;
        long numClasses = scores.shape[2];

        // Quality focal loss over all priors and classes; the target is the IoU at a positive's class, else 0.
        var classIndex = assignment.Labels.clamp_max(numClasses - 1).unsqueeze(2);
        var qualityTargets = zeros_like(scores).scatter_(2, classIndex, assignment.Quality.to(scores.dtype).unsqueeze(2));
        var qfl = QualityFocalLoss.Elementwise(scores, qualityTargets, options.QflBeta);
        var positiveCount = positive.sum().to(ScalarType.Float32).clamp_min(1.0);
        var cls = qfl.view(-1, numClasses).sum(1).sum() / positiveCount * options.ClsWeight;

        // Positive weights: the highest detached class score; background rows weigh 0.
        var weights = scores.detach().amax([2]).masked_fill(positive.logical_not(), 0.0f);   // N×P
        var weightSum = weights.sum().clamp_min(1.0);

        var giou = GiouLoss.Elementwise(boxes, assignment.TargetBoxes, options.GiouEps);     // N×P
        var bbox = (giou * weights).sum() / weightSum * options.BboxWeight;

        var distanceTargets = DistanceTargets(priors, assignment.TargetBoxes);               // N×P×4
        var dfl = DistributionFocalLoss.Elementwise(regLogits, distanceTargets);             // N×P×4
        var dflLoss = (dfl * weights.unsqueeze(2)).sum() / (weightSum * 4) * options.DflWeight;

        var total = cls + bbox + dflLoss;
        return new DetectionLosses(
            total.MoveToOuterDisposeScope(), cls.MoveToOuterDisposeScope(), bbox.MoveToOuterDisposeScope(),
            dflLoss.MoveToOuterDisposeScope(), assignment.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// DFL targets: distances (left, top, right, bottom) from each prior point to its target box edges, in units
    /// of the prior's stride, clamped to [0, reg_max − margin]. Point and box are divided by the stride before
    /// subtracting, as in the reference.
    /// </summary>
    public Tensor DistanceTargets(Tensor priors, Tensor targetBoxes)
    {
        using var scope = NewDisposeScope();
        var stride = priors[.., 2].view(1, -1, 1);                    // 1×P×1
        var point = priors[.., ..2].unsqueeze(0) / stride;            // 1×P×2
        var box = targetBoxes / stride;                               // N×P×4
        var distances = stack(
            [point[.., .., 0] - box[.., .., 0], point[.., .., 1] - box[.., .., 1],
             box[.., .., 2] - point[.., .., 0], box[.., .., 3] - point[.., .., 1]], dim: -1);
        return distances.clamp(0.0, options.RegMax - options.DflTargetMargin).MoveToOuterDisposeScope();
    }
}
