using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>IoU and Dice means over the ground-truth boxes that were found, with how many boxes stand behind them.</summary>
public readonly record struct OverlapStats(int Found, int GroundTruthBoxes, double SumIoU, double SumDice)
{
    /// <summary>Mean IoU over the found boxes; NaN when none was found.</summary>
    public double MeanIoU => Found == 0 ? double.NaN : SumIoU / Found;

    /// <summary>Mean Dice over the found boxes; NaN when none was found.</summary>
    public double MeanDice => Found == 0 ? double.NaN : SumDice / Found;

    public static OverlapStats operator +(OverlapStats a, OverlapStats b) =>
        new(a.Found + b.Found, a.GroundTruthBoxes + b.GroundTruthBoxes, a.SumIoU + b.SumIoU, a.SumDice + b.SumDice);
}

/// <summary>The best same-class prediction for one ground-truth box (null when there was none with score ≥ τ).</summary>
public sealed record BoxMatch(string ImageId, GroundTruthBox Truth, Detection? Prediction, double IoU, double Dice, bool Found);

/// <summary>
/// Box overlap per fracture class (SPEC.md "Metrics"): for each ground-truth box, the same-class
/// predicted box with score ≥ τ of highest IoU (first one on ties; boxes that do not touch it are no
/// match); the box is "found" when such a box exists and its IoU is ≥ <c>minIoU</c> (0.5 by default). IoU and Dice (of the same pair) are
/// averaged over found boxes. Micro pools the boxes of all classes; macro averages the class means.
/// </summary>
public sealed record BoxOverlapSummary(IReadOnlyList<OverlapStats> PerClass, IReadOnlyList<BoxMatch> Matches)
{
    public OverlapStats this[FractureClass c] => PerClass[(int)c];

    public OverlapStats Micro => PerClass.Aggregate(default(OverlapStats), (a, b) => a + b);

    public MacroValue MacroIoU => MacroValue.Of(PerClass.Select(s => s.MeanIoU));

    public MacroValue MacroDice => MacroValue.Of(PerClass.Select(s => s.MeanDice));

    public static BoxOverlapSummary Compute(IEnumerable<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, double tau, double minIoU = 0.5)
    {
        var stats = new OverlapStats[ClassNames.FractureCount];
        var matches = new List<BoxMatch>();
        foreach (var image in images)
        {
            var dets = detections.TryGetValue(image.ImageId, out var d) ? d : [];
            foreach (var gt in image.Boxes)
            {
                Detection? bestDet = null;
                // Found when IoU ≥ minIoU (EVAL.md): at minIoU 0 a same-class box that does not touch the truth counts too.
                double bestIoU = minIoU > 0 ? 0 : -1;
                foreach (var det in dets)
                {
                    if (det.Class != gt.Class || det.Score < tau)
                    {
                        continue;
                    }
                    double iou = gt.Box.IoU(det.Box);
                    if (iou > bestIoU)
                    {
                        bestIoU = iou;
                        bestDet = det;
                    }
                }
                bool found = bestDet is not null && bestIoU >= minIoU;
                double dice = bestDet is null ? 0 : gt.Box.Dice(bestDet.Box);
                double iouValue = bestDet is null ? 0 : bestIoU;
                matches.Add(new BoxMatch(image.ImageId, gt, bestDet, iouValue, dice, found));
                int c = (int)gt.Class;
                stats[c] += found ? new OverlapStats(1, 1, iouValue, dice) : new OverlapStats(0, 1, 0, 0);
            }
        }
        return new BoxOverlapSummary(stats, matches);
    }
}
