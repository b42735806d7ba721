using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests.Statistics;

public class MeanSdTests
{
    [Fact]
    public void Paper_micro_sensitivities_give_mean_083_sd_005()
    {
        // Table III micro Se of A, B, C: 0.83, 0.78, 0.87. Mean 2.48/3 = 0.826667;
        // squared deviations .000011 + .002178 + .001878 = .004067; sample SD = √(.004067/2) = 0.045092 -> "0.83 (SD 0.05)".
        var m = MeanSd.Of([0.83, 0.78, 0.87]);
        Assert.Equal(0.826667, m.Mean, 6);
        Assert.Equal(0.045092, m.Sd, 6);
        Assert.Equal(3, m.Count);
    }

    [Fact]
    public void One_value_has_no_sd_and_nan_propagates()
    {
        Assert.True(double.IsNaN(MeanSd.Of([0.5]).Sd));
        Assert.Equal(0.5, MeanSd.Of([0.5]).Mean);
        Assert.True(double.IsNaN(MeanSd.Of([0.5, double.NaN]).Mean));
    }
}
