using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests;

public class WilsonIntervalTests
{
    [Fact]
    public void Matches_hand_computed_interval_for_8_of_10()
    {
        // p = 0.8, n = 10, z = 1.96: centre = (0.8 + 0.19208)/1.38415 = 0.716746,
        // half = 1.96*sqrt(0.016 + 0.0096040)/1.38415 = 0.226607 -> [0.490, 0.943]
        var p = WilsonInterval.Compute(8, 10);
        Assert.Equal(0.8, p.Value, 12);
        Assert.Equal(0.49016, p.Lower, 4);
        Assert.Equal(0.94332, p.Upper, 4);
    }

    [Fact]
    public void Edges_stay_inside_zero_one_and_empty_is_undefined()
    {
        Assert.Equal(0, WilsonInterval.Compute(0, 5).Lower);
        Assert.Equal(1, WilsonInterval.Compute(5, 5).Upper, 12);
        Assert.True(double.IsNaN(WilsonInterval.Compute(0, 0).Value));
    }

    [Fact]
    public void One_vs_rest_counts_and_micro_sum()
    {
        var pairs = new[]
        {
            (ImageLabel.DisplacedFnf, ImageLabel.DisplacedFnf),
            (ImageLabel.DisplacedFnf, ImageLabel.ValgusImpactedFnf),
            (ImageLabel.NoFracture, ImageLabel.DisplacedFnf),
            (ImageLabel.NoFracture, ImageLabel.NoFracture),
        };
        var df = BinaryCounts.OneVsRest(pairs, ImageLabel.DisplacedFnf);
        Assert.Equal(new BinaryCounts(1, 1, 1, 1), df);
        var vf = BinaryCounts.OneVsRest(pairs, ImageLabel.ValgusImpactedFnf);
        Assert.Equal(new BinaryCounts(0, 1, 0, 3), vf);
        Assert.Equal(new BinaryCounts(1, 2, 1, 4), df + vf);
        Assert.Equal(0.5, df.Sensitivity.Value);
        Assert.Equal(0.75, vf.Specificity.Value);
    }
}
