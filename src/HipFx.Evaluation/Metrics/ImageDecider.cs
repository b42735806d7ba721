using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// Turns an image's boxes into one image label (SPEC.md "Metrics"):
/// the class of the highest-scoring box with score ≥ τ, else <c>no_fracture</c>. Equal scores go to the
/// lower class id, then to the earlier box.
/// With <see cref="DecisionOptions.ValgusPriority"/>, a <c>displaced_fnf</c> decision becomes
/// <c>valgus_impacted_fnf</c> when a valgus box with score ≥ τ_v lies on the same hip as the deciding
/// box. "Same hip": the two boxes overlap (intersection area &gt; 0) or, when the image width is known,
/// their centres lie on the same side of the image's vertical midline.
/// </summary>
public static class ImageDecider
{
    public static ImageDecision Decide(IReadOnlyList<Detection> detections, DecisionOptions options, double imageWidth = 0)
    {
        Detection? best = null;
        foreach (var d in detections)
        {
            if (d.Score >= options.Tau && (best is null || Outranks(d, best)))
            {
                best = d;
            }
        }
        if (best is null)
        {
            return new ImageDecision(ImageLabel.NoFracture, DecisionRule.NoBoxAboveTau, null);
        }
        if (options.ValgusPriority && best.Class == FractureClass.DisplacedFnf)
        {
            Detection? valgus = null;
            foreach (var d in detections)
            {
                if (d.Class == FractureClass.ValgusImpactedFnf && d.Score >= options.ValgusTau
                    && SameHip(d.Box, best.Box, imageWidth) && (valgus is null || d.Score > valgus.Score))
                {
                    valgus = d;
                }
            }
            if (valgus is not null)
            {
                return new ImageDecision(ImageLabel.ValgusImpactedFnf, DecisionRule.ValgusPriority, valgus);
            }
        }
        return new ImageDecision(best.Class.ToImageLabel(), DecisionRule.HighestScore, best);
    }

    /// <summary>The highest score of each fracture class among <paramref name="detections"/> (NaN when none).</summary>
    public static double[] TopScores(IReadOnlyList<Detection> detections)
    {
        var top = Enumerable.Repeat(double.NaN, ClassNames.FractureCount).ToArray();
        foreach (var d in detections)
        {
            int c = (int)d.Class;
            if (double.IsNaN(top[c]) || d.Score > top[c])
            {
                top[c] = d.Score;
            }
        }
        return top;
    }

    /// <summary>Whether two boxes are on one hip: they overlap, or (width known) their centres share a side of the midline.</summary>
    public static bool SameHip(Box a, Box b, double imageWidth)
    {
        if (a.IntersectionArea(b) > 0)
        {
            return true;
        }
        if (imageWidth <= 0)
        {
            return false;
        }
        double mid = imageWidth / 2;
        return (a.X1 + a.X2) / 2 < mid == (b.X1 + b.X2) / 2 < mid;
    }

    private static bool Outranks(Detection d, Detection best) =>
        d.Score > best.Score || (d.Score == best.Score && d.Class < best.Class);
}
