using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// Average precision of one class: at IoU 0.5, averaged over IoU 0.50:0.95, and the interpolated
/// precision at the 101 recall thresholds for IoU 0.5 (the PR curve). NaN when the class has no
/// ground-truth box (pycocotools' −1, shown as "n/a").
/// </summary>
public sealed record ClassAp(FractureClass Class, double Ap50, double Ap5095, int GroundTruthBoxes, int Detections,
    IReadOnlyList<double> PrecisionAt50, double MaxRecallAt50)
{
    public bool Defined => GroundTruthBoxes > 0;
}

/// <summary>AP per class and the means over the classes where AP is defined.</summary>
public sealed record CocoSummary(IReadOnlyList<ClassAp> PerClass)
{
    public ClassAp this[FractureClass c] => PerClass[(int)c];

    /// <summary>mAP@0.5 over the classes with ground truth (NaN when none has).</summary>
    public MacroValue MeanAp50 => MacroValue.Of(PerClass.Where(p => p.Defined).Select(p => p.Ap50));

    /// <summary>mAP@[0.5:0.95] over the classes with ground truth.</summary>
    public MacroValue MeanAp5095 => MacroValue.Of(PerClass.Where(p => p.Defined).Select(p => p.Ap5095));
}

/// <summary>
/// COCO-style bounding-box AP exactly as pycocotools' <c>COCOeval</c> computes it for
/// iouType "bbox", area "all", maxDets 100, with no crowd or ignored boxes (VOC "difficult" flags are
/// not used): per image and class, detections sorted by score (stable) and cut to 100; each is greedily
/// matched, in that order, to the unmatched ground-truth box of highest IoU ≥ t (a later box wins an
/// exact IoU tie, as in pycocotools); over all images, detections are sorted by score (stable, in image
/// order), precision is made non-increasing from the right and read at the first point whose recall
/// reaches each of the 101 recall thresholds (0 past the last point). Images are taken in the order given
/// (pycocotools sorts by image id: give the images in the same order as the ids in ground_truth.json).
/// All detections count, whatever their score; τ plays no part in AP.
/// </summary>
public static class CocoEvaluator
{
    private const double Eps = 2.220446049250313e-16; // numpy.spacing(1)

    public static CocoSummary Evaluate(IReadOnlyList<EvalImage> images, IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections)
    {
        var perClass = new List<ClassAp>();
        foreach (var c in ClassNames.FractureClasses)
        {
            perClass.Add(EvaluateClass(c, images, detections));
        }
        return new CocoSummary(perClass);
    }

    private static ClassAp EvaluateClass(FractureClass c, IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections)
    {
        var iouThrs = CocoThresholds.Iou;
        int nT = iouThrs.Count;
        var scores = new List<double>();
        var matched = new List<bool[]>(); // per detection: matched at each IoU threshold
        int npig = 0;
        foreach (var image in images)
        {
            var gts = image.Boxes.Where(b => b.Class == c).ToList();
            var dts = (detections.TryGetValue(image.ImageId, out var d) ? d : [])
                .Where(x => x.Class == c)
                .OrderByDescending(x => x.Score) // stable, like mergesort
                .Take(CocoThresholds.MaxDetections)
                .ToList();
            npig += gts.Count;
            var ious = new double[dts.Count, gts.Count];
            for (int i = 0; i < dts.Count; i++)
            {
                for (int j = 0; j < gts.Count; j++)
                {
                    ious[i, j] = dts[i].Box.IoU(gts[j].Box);
                }
            }
            var dtMatched = new bool[dts.Count][];
            for (int i = 0; i < dts.Count; i++)
            {
                dtMatched[i] = new bool[nT];
            }
            for (int t = 0; t < nT; t++)
            {
                var gtTaken = new bool[gts.Count];
                for (int i = 0; i < dts.Count; i++)
                {
                    double best = Math.Min(iouThrs[t], 1 - 1e-10);
                    int m = -1;
                    for (int j = 0; j < gts.Count; j++)
                    {
                        if (gtTaken[j] || ious[i, j] < best)
                        {
                            continue;
                        }
                        best = ious[i, j];
                        m = j;
                    }
                    if (m >= 0)
                    {
                        gtTaken[m] = true;
                        dtMatched[i][t] = true;
                    }
                }
            }
            foreach (var (det, i) in dts.Select((x, i) => (x, i)))
            {
                scores.Add(det.Score);
                matched.Add(dtMatched[i]);
            }
        }

        if (npig == 0)
        {
            return new ClassAp(c, double.NaN, double.NaN, 0, scores.Count, [], double.NaN);
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var apPerThreshold = new double[nT];
        double[] precisionAt50 = [];
        double maxRecall50 = 0;
        for (int t = 0; t < nT; t++)
        {
            var (q, maxRecall) = InterpolatedPrecision(order.Select(i => matched[i][t]).ToArray(), npig);
            apPerThreshold[t] = q.Average();
            if (t == 0)
            {
                precisionAt50 = q;
                maxRecall50 = maxRecall;
            }
        }
        return new ClassAp(c, apPerThreshold[0], apPerThreshold.Average(), npig, scores.Count, precisionAt50, maxRecall50);
    }

    /// <summary>pycocotools' <c>accumulate</c> for one class and IoU threshold: precision at the 101 recall thresholds.</summary>
    internal static (double[] Precision, double MaxRecall) InterpolatedPrecision(IReadOnlyList<bool> tpInScoreOrder, int groundTruthBoxes)
    {
        int nd = tpInScoreOrder.Count;
        var rc = new double[nd];
        var pr = new double[nd];
        double tp = 0, fp = 0;
        for (int i = 0; i < nd; i++)
        {
            if (tpInScoreOrder[i]) { tp++; } else { fp++; }
            rc[i] = tp / groundTruthBoxes;
            pr[i] = tp / (fp + tp + Eps);
        }
        for (int i = nd - 1; i > 0; i--)
        {
            if (pr[i] > pr[i - 1])
            {
                pr[i - 1] = pr[i];
            }
        }
        var recThrs = CocoThresholds.Recall;
        var q = new double[recThrs.Count];
        int pi = 0;
        for (int r = 0; r < recThrs.Count; r++)
        {
            while (pi < nd && rc[pi] < recThrs[r]) // numpy.searchsorted(rc, thr, side="left")
            {
                pi++;
            }
            q[r] = pi < nd ? pr[pi] : 0;
        }
        return (q, nd == 0 ? 0 : rc[nd - 1]);
    }
}
