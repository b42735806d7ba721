using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Readers;
using static HipFx.Core.ImageLabel;

namespace HipFx.Evaluation.Tests.Readers;

public class ReaderMetricsTests
{
    [Fact]
    public void One_vs_rest_micro_and_macro_match_hand_counts()
    {
        // truth:    DF DF VF SF UF No
        // decision: DF VF VF SF SF No
        //   DF: TP 1, FN 1, FP 0, TN 4 -> Se 1/2, Sp 4/4
        //   VF: TP 1, FN 0, FP 1, TN 4 -> Se 1/1, Sp 4/5
        //   SF: TP 1, FN 0, FP 1, TN 4 -> Se 1/1, Sp 4/5
        //   UF: TP 0, FN 1, FP 0, TN 5 -> Se 0/1, Sp 5/5
        //   micro = sum: TP 3, FN 2, FP 2, TN 17 -> Se 3/5, Sp 17/19
        //   macro Se = (0.5 + 1 + 1 + 0)/4 = 0.625; macro Sp = (1 + 0.8 + 0.8 + 1)/4 = 0.9
        //   accuracy (5 labels) = 4/6
        var m = ReaderMetrics.Compute("A", ReadingPhase.I,
            [DisplacedFnf, DisplacedFnf, ValgusImpactedFnf, StableItf, UnstableItf, NoFracture],
            [DisplacedFnf, ValgusImpactedFnf, ValgusImpactedFnf, StableItf, StableItf, NoFracture],
            [10, 20, null, 30, null, null]);
        Assert.Equal(new BinaryCounts(1, 0, 1, 4), m[DisplacedFnf]);
        Assert.Equal(new BinaryCounts(1, 1, 0, 4), m[ValgusImpactedFnf]);
        Assert.Equal(new BinaryCounts(0, 0, 1, 5), m[UnstableItf]);
        Assert.Equal(new BinaryCounts(3, 2, 2, 17), m.Micro);
        Assert.Equal(0.6, m.Micro.Sensitivity.Value, 12);
        Assert.Equal(17.0 / 19, m.Micro.Specificity.Value, 12);
        Assert.Equal(0.625, m.MacroSensitivity, 12);
        Assert.Equal(0.9, m.MacroSpecificity, 12);
        Assert.Equal(4, m.Accuracy.Successes);
        Assert.Equal(20.0, m.MeanReadingTimeS);
        Assert.Equal("A · I", m.Title);
    }

    [Fact]
    public void A_class_no_one_chose_has_zero_sensitivity_and_full_specificity()
    {
        // Nobody reads stable_itf: its TP = FP = 0, so Se = 0/1 and Sp = 3/3.
        var m = ReaderMetrics.Compute("A", ReadingPhase.I,
            [StableItf, DisplacedFnf, NoFracture, NoFracture],
            [UnstableItf, DisplacedFnf, NoFracture, NoFracture]);
        Assert.Equal(new BinaryCounts(0, 0, 1, 3), m[StableItf]);
        Assert.Equal(0.0, m[StableItf].Sensitivity.Value);
        Assert.Equal(1.0, m[StableItf].Specificity.Value);
    }

    [Fact]
    public void A_class_without_true_images_is_left_out_of_the_macro_sensitivity()
    {
        // No valgus_impacted_fnf in the truth: its Se is 0/0 (n/a), so the macro Se averages the three defined
        // classes (DF 1/1, SF 0/1, UF 1/1 -> 2/3), as hipfx eval does; the macro Sp averages all four.
        var m = ReaderMetrics.Compute("A", ReadingPhase.I,
            [DisplacedFnf, StableItf, UnstableItf, NoFracture],
            [DisplacedFnf, UnstableItf, UnstableItf, ValgusImpactedFnf]);
        Assert.True(double.IsNaN(m[ValgusImpactedFnf].Sensitivity.Value));
        Assert.Equal(2.0 / 3, m.MacroSensitivity, 12);
        // Sp: DF 3/3, VF 3/4, SF 3/3, UF 2/3
        Assert.Equal((1 + 0.75 + 1 + 2.0 / 3) / 4, m.MacroSpecificity, 12);
    }

    [Fact]
    public void Phase_summary_is_mean_and_sample_sd_over_readers()
    {
        // Micro Se of the three readers: 1/2, 2/2, 0/2 -> mean 0.5, SD √(((0)² + 0.5² + 0.5²)/2) = 0.5
        ImageLabel[] truth = [DisplacedFnf, ValgusImpactedFnf, NoFracture];
        var readers = new[]
        {
            ReaderMetrics.Compute("A", ReadingPhase.I, truth, [DisplacedFnf, NoFracture, NoFracture]),
            ReaderMetrics.Compute("B", ReadingPhase.I, truth, [DisplacedFnf, ValgusImpactedFnf, NoFracture]),
            ReaderMetrics.Compute("C", ReadingPhase.I, truth, [NoFracture, NoFracture, NoFracture]),
        };
        var s = ReaderPhaseSummary.Of(ReadingPhase.I, readers);
        Assert.Equal(0.5, s.MicroSensitivity.Mean, 12);
        Assert.Equal(0.5, s.MicroSensitivity.Sd, 12);
        Assert.Equal(3, s.MicroSensitivity.Count);
        Assert.Equal(1.0, s.Specificity[(int)DisplacedFnf].Mean, 12);
    }
}
