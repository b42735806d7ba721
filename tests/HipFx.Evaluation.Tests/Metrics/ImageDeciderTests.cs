using HipFx.Core;
using HipFx.Evaluation.Metrics;
using static HipFx.Evaluation.Tests.Metrics.Make;

namespace HipFx.Evaluation.Tests.Metrics;

public class ImageDeciderTests
{
    private static readonly DecisionOptions Tau05 = new() { Tau = 0.5 };

    [Fact]
    public void Empty_image_is_no_fracture()
    {
        var d = ImageDecider.Decide([], Tau05);
        Assert.Equal(ImageLabel.NoFracture, d.Label);
        Assert.Equal(DecisionRule.NoBoxAboveTau, d.Rule);
        Assert.Null(d.Box);
    }

    [Fact]
    public void Boxes_below_tau_give_no_fracture_and_score_equal_to_tau_counts()
    {
        Assert.Equal(ImageLabel.NoFracture, ImageDecider.Decide([Det(FractureClass.StableItf, 0.49, 0, 0, 1, 1)], Tau05).Label);
        Assert.Equal(ImageLabel.StableItf, ImageDecider.Decide([Det(FractureClass.StableItf, 0.5, 0, 0, 1, 1)], Tau05).Label);
    }

    [Fact]
    public void Two_boxes_highest_score_wins()
    {
        var dets = new[] { Det(FractureClass.DisplacedFnf, 0.6, 0, 0, 10, 10), Det(FractureClass.UnstableItf, 0.9, 0, 20, 10, 30) };
        var d = ImageDecider.Decide(dets, Tau05);
        Assert.Equal(ImageLabel.UnstableItf, d.Label);
        Assert.Equal(DecisionRule.HighestScore, d.Rule);
        Assert.Same(dets[1], d.Box);
    }

    [Fact]
    public void Tie_in_score_goes_to_lower_class_id_whatever_the_order()
    {
        var uf = Det(FractureClass.UnstableItf, 0.7, 0, 0, 10, 10);
        var vf = Det(FractureClass.ValgusImpactedFnf, 0.7, 0, 0, 10, 10);
        Assert.Equal(ImageLabel.ValgusImpactedFnf, ImageDecider.Decide([uf, vf], Tau05).Label);
        Assert.Equal(ImageLabel.ValgusImpactedFnf, ImageDecider.Decide([vf, uf], Tau05).Label);
    }

    [Fact]
    public void Valgus_priority_applies_only_on_the_same_hip_above_tau_v()
    {
        var rule = new DecisionOptions { Tau = 0.5, ValgusPriority = true, ValgusTau = 0.3 };
        var df = Det(FractureClass.DisplacedFnf, 0.9, 100, 100, 200, 200);
        var vfOverlap = Det(FractureClass.ValgusImpactedFnf, 0.35, 150, 150, 250, 250);
        var vfWeak = Det(FractureClass.ValgusImpactedFnf, 0.25, 150, 150, 250, 250);
        var vfOtherSide = Det(FractureClass.ValgusImpactedFnf, 0.8, 800, 100, 900, 200);
        var vfSameSideApart = Det(FractureClass.ValgusImpactedFnf, 0.4, 300, 300, 350, 350);

        var d = ImageDecider.Decide([df, vfOverlap], rule);
        Assert.Equal(ImageLabel.ValgusImpactedFnf, d.Label);
        Assert.Equal(DecisionRule.ValgusPriority, d.Rule);
        Assert.Equal("valgus_priority", d.RuleName);
        Assert.Same(vfOverlap, d.Box);

        Assert.Equal(ImageLabel.DisplacedFnf, ImageDecider.Decide([df, vfOverlap], rule with { ValgusPriority = false }).Label);
        Assert.Equal(ImageLabel.DisplacedFnf, ImageDecider.Decide([df, vfWeak], rule).Label);
        // Width 1000: the VF centre (850) is right of the midline, the DF centre (150) left: other hip.
        Assert.Equal(ImageLabel.DisplacedFnf, ImageDecider.Decide([df, vfOtherSide], rule, imageWidth: 1000).Label);
        // Not overlapping but on the same side: same hip only when the width is known.
        Assert.Equal(ImageLabel.ValgusImpactedFnf, ImageDecider.Decide([df, vfSameSideApart], rule, imageWidth: 1000).Label);
        Assert.Equal(ImageLabel.DisplacedFnf, ImageDecider.Decide([df, vfSameSideApart], rule).Label);
    }

    [Fact]
    public void Top_scores_per_class_are_nan_when_absent()
    {
        var top = ImageDecider.TopScores([Det(FractureClass.StableItf, 0.2, 0, 0, 1, 1), Det(FractureClass.StableItf, 0.7, 0, 0, 1, 1)]);
        Assert.Equal(0.7, top[(int)FractureClass.StableItf]);
        Assert.True(double.IsNaN(top[(int)FractureClass.DisplacedFnf]));
    }
}
