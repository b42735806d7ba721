using HipFx.Core;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Tests.Metrics;

public class ClassificationTests
{
    // 7 images; unstable_itf never occurs and is never called.
    //   truth DF -> DF (x2), DF -> VF, VF -> VF, SF -> No, No -> No, No -> SF
    private static ConfusionMatrix Matrix() => new(
    [
        (ImageLabel.DisplacedFnf, ImageLabel.DisplacedFnf),
        (ImageLabel.DisplacedFnf, ImageLabel.DisplacedFnf),
        (ImageLabel.DisplacedFnf, ImageLabel.ValgusImpactedFnf),
        (ImageLabel.ValgusImpactedFnf, ImageLabel.ValgusImpactedFnf),
        (ImageLabel.StableItf, ImageLabel.NoFracture),
        (ImageLabel.NoFracture, ImageLabel.NoFracture),
        (ImageLabel.NoFracture, ImageLabel.StableItf),
    ]);

    [Fact]
    public void Matrix_cells_and_no_fracture_is_an_outcome()
    {
        var m = Matrix();
        Assert.Equal(7, m.Total);
        Assert.Equal(2, m[ImageLabel.DisplacedFnf, ImageLabel.DisplacedFnf]);
        Assert.Equal(1, m[ImageLabel.StableItf, ImageLabel.NoFracture]);
        Assert.Equal(2, m.RowTotal(ImageLabel.NoFracture));
    }

    [Fact]
    public void One_vs_rest_counts_per_class()
    {
        var s = ClassificationSummary.From(Matrix());
        Assert.Equal(new BinaryCounts(TP: 2, FP: 0, FN: 1, TN: 4), s[FractureClass.DisplacedFnf]);
        Assert.Equal(new BinaryCounts(TP: 1, FP: 1, FN: 0, TN: 5), s[FractureClass.ValgusImpactedFnf]);
        Assert.Equal(new BinaryCounts(TP: 0, FP: 1, FN: 1, TN: 5), s[FractureClass.StableItf]);
        Assert.Equal(new BinaryCounts(TP: 0, FP: 0, FN: 0, TN: 7), s[FractureClass.UnstableItf]);
        Assert.Equal(6.0 / 7, s[FractureClass.DisplacedFnf].Accuracy.Value, 12);
        Assert.True(double.IsNaN(s[FractureClass.UnstableItf].Sensitivity.Value));
        Assert.Equal(1.0, s[FractureClass.UnstableItf].Specificity.Value);
    }

    [Fact]
    public void Micro_pools_counts_and_macro_averages_defined_classes()
    {
        var s = ClassificationSummary.From(Matrix());
        Assert.Equal(new BinaryCounts(3, 2, 2, 21), s.Micro);
        Assert.Equal(3.0 / 5, s.Micro.Sensitivity.Value, 12);
        Assert.Equal(21.0 / 23, s.Micro.Specificity.Value, 12);
        // Se: DF 2/3, VF 1, SF 0, UF undefined -> mean of 3 classes = 5/9
        Assert.Equal(5.0 / 9, s.MacroSensitivity.Value, 12);
        Assert.Equal(3, s.MacroSensitivity.Classes);
        // Sp: 1, 5/6, 5/6, 1 -> 11/12
        Assert.Equal(11.0 / 12, s.MacroSpecificity.Value, 12);
        Assert.Equal(4, s.MacroSpecificity.Classes);
        // Acc: 6/7, 6/7, 5/7, 7/7 -> 24/28
        Assert.Equal(24.0 / 28, s.MacroAccuracy.Value, 12);
    }
}
