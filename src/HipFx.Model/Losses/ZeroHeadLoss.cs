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
/// so a step makes no host round trip. A batch without positives gives GIoU = DFL = 0.
/// <para>
/// Single device: <see cref="Compute(DensePredictions, GroundTruthBatch)"/>. Data parallel, as the reference's
/// reduce_mean over GPUs: per replica <see cref="Assign"/> and <see cref="Normalizers"/>, then
/// <see cref="LossNormalizers.Mean"/> over replicas, then per replica
/// <see cref="Compute(DensePredictions, LabelAssignment, LossNormalizers?)"/> with the mean.
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

    /// <summary>
    /// Losses of one batch from the model's dense training-mode predictions (see <see cref="DamoYolo.forward"/>):
    /// assignment, the batch's own normalisers, losses. The single-device path.
    /// </summary>
    public DetectionLosses Compute(DensePredictions predictions, GroundTruthBatch truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        using var assignment = Assign(predictions, truth);
        return Compute(predictions, assignment);
    }

    /// <summary>AlignOTA assignment of one batch on the detached predictions.</summary>
    public LabelAssignment Assign(DensePredictions predictions, GroundTruthBatch truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.MaxLabel >= predictions.Scores.shape[2])
        {
            throw new ArgumentException(
                $"ground truth has class id {truth.MaxLabel}, but the model predicts {predictions.Scores.shape[2]} classes", nameof(truth));
        }
        return assigner.Assign(predictions.Scores, predictions.Boxes, predictions.Priors, truth);
    }

    /// <summary>The batch's raw normalisers (see <see cref="LossNormalizers"/>).</summary>
    public static LossNormalizers Normalizers(DensePredictions predictions, LabelAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(assignment);
        using var scope = NewDisposeScope();
        var count = PositiveCount(assignment);
        var weightSum = PositiveWeights(predictions.Scores, assignment).sum();
        return new LossNormalizers(count.MoveToOuterDisposeScope(), weightSum.MoveToOuterDisposeScope());
    }

    /// <summary>#positives of the batch as a 0-dim float32 tensor.</summary>
    private static Tensor PositiveCount(LabelAssignment assignment) => assignment.Foreground.sum().to(ScalarType.Float32);

    /// <summary>
    /// Losses of one batch given its assignment. <paramref name="normalizers"/> defaults to the batch's own; pass the
    /// mean over data-parallel replicas to reproduce the reference's multi-GPU normalisation. Both are clamped
    /// below at 1 here.
    /// </summary>
    public DetectionLosses Compute(DensePredictions predictions, LabelAssignment assignment, LossNormalizers? normalizers = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(assignment);
        const long bins = ZeroHead.RegMax + 1;
        var regLogits = predictions.RegLogits;
        if (regLogits.dim() != 4 || regLogits.shape[2] != 4 || regLogits.shape[3] != bins)
        {
            throw new ArgumentException(
                $"regression logits must be N×P×4×{bins}, got [{string.Join(", ", regLogits.shape)}]", nameof(predictions));
        }
        using var scope = NewDisposeScope();
        var scores = Float32(predictions.Scores);
        var boxes = Float32(predictions.Boxes);
        regLogits = Float32(regLogits);
        var positive = assignment.Foreground;
        long numClasses = scores.shape[2];
        // GIoU and DFL weigh each positive by its highest detached class score (background weighs 0); without given
        // normalisers the same weights give the batch's own weight sum.
        var weights = PositiveWeights(scores, assignment);                                        // N×P
        var positiveCount = (normalizers?.PositiveCount ?? PositiveCount(assignment)).clamp_min(1.0);
        var weightSum = (normalizers?.WeightSum ?? weights.sum()).clamp_min(1.0);

        // Quality focal loss over all priors and classes; the target is the IoU at a positive's class, else 0.
        var classIndex = assignment.Labels.clamp_max(numClasses - 1).unsqueeze(2);
        var qualityTargets = zeros_like(scores).scatter_(2, classIndex, assignment.Quality.to(scores.dtype).unsqueeze(2));
        var qfl = QualityFocalLoss.Elementwise(scores, qualityTargets, options.QflBeta);
        var cls = qfl.view(-1, numClasses).sum(1).sum() / positiveCount * options.ClsWeight;

        // GIoU and DFL over positives.
        var giou = GiouLoss.Elementwise(boxes, assignment.TargetBoxes, options.GiouEps);           // N×P
        var bbox = (giou * weights).sum() / weightSum * options.BboxWeight;

        var distanceTargets = DistanceTargets(predictions.Priors, assignment.TargetBoxes);         // N×P×4
        var dfl = DistributionFocalLoss.Elementwise(regLogits, distanceTargets);                   // N×P×4
        var dflLoss = (dfl * weights.unsqueeze(2)).sum() / (weightSum * 4) * options.DflWeight;

        var total = cls + bbox + dflLoss;
        var positives = positive.sum();
        return new DetectionLosses(
            total.MoveToOuterDisposeScope(), cls.MoveToOuterDisposeScope(), bbox.MoveToOuterDisposeScope(),
            dflLoss.MoveToOuterDisposeScope(), positives.MoveToOuterDisposeScope());
    }

    /// <summary>N×P: a positive's highest detached class score, 0 for background.</summary>
    private static Tensor PositiveWeights(Tensor scores, LabelAssignment assignment)
    {
        using var scope = NewDisposeScope();
        var weights = Float32(scores.detach()).amax([2]).masked_fill(assignment.Foreground.logical_not(), 0.0f);
        return weights.MoveToOuterDisposeScope();
    }

    /// <summary>Losses are computed in float32 at least (a bf16/fp16 head output is widened; float64 stays).</summary>
    private static Tensor Float32(Tensor t) =>
        t.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? t.to(ScalarType.Float32) : t.alias();

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
        return distances.clamp(0.0, ZeroHead.RegMax - options.DflTargetMargin).MoveToOuterDisposeScope();
    }
}
