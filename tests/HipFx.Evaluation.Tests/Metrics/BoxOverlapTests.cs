using HipFx.Core;
using HipFx.Evaluation.Metrics;
using static HipFx.Evaluation.Tests.Metrics.Make;

namespace HipFx.Evaluation.Tests.Metrics;

public class BoxOverlapTests
{
    [Fact]
    public void Best_same_class_box_above_tau_with_counts()
    {
        var images = new[]
        {
            Image("a", Gt(FractureClass.DisplacedFnf, 0, 0, 10, 10)),
            Image("b", Gt(FractureClass.StableItf, 20, 20, 30, 30), Gt(FractureClass.StableItf, 50, 50, 60, 60)),
            Image("c"),
        };
        var dets = Dets(
            ("a", [
                Det(FractureClass.DisplacedFnf, 0.9, 0, 0, 10, 5),    // IoU 50/100 = 0.5, Dice 100/150
                Det(FractureClass.DisplacedFnf, 0.9, 5, 0, 15, 10),   // IoU 50/150
                Det(FractureClass.DisplacedFnf, 0.1, 0, 0, 10, 10),   // perfect but below tau
                Det(FractureClass.UnstableItf, 0.9, 0, 0, 10, 10),    // perfect but wrong class
            ]),
            ("b", [Det(FractureClass.StableItf, 0.8, 22, 20, 30, 30)]), // IoU 80/100, Dice 160/180; 2nd SF box unmatched
            ("c", [Det(FractureClass.ValgusImpactedFnf, 0.9, 0, 0, 5, 5)]));
        var s = BoxOverlapSummary.Compute(images, dets, tau: 0.5);

        var df = s[FractureClass.DisplacedFnf];
        Assert.Equal((1, 1), (df.Found, df.GroundTruthBoxes));
        Assert.Equal(0.5, df.MeanIoU, 12);
        Assert.Equal(2.0 / 3, df.MeanDice, 12);
        var sf = s[FractureClass.StableItf];
        Assert.Equal((1, 2), (sf.Found, sf.GroundTruthBoxes));
        Assert.Equal(0.8, sf.MeanIoU, 12);
        Assert.Equal(160.0 / 180, sf.MeanDice, 12);
        Assert.True(double.IsNaN(s[FractureClass.ValgusImpactedFnf].MeanIoU)); // never occurs
        Assert.Equal(0, s[FractureClass.ValgusImpactedFnf].GroundTruthBoxes);

        Assert.Equal((2, 3), (s.Micro.Found, s.Micro.GroundTruthBoxes));
        Assert.Equal(0.65, s.Micro.MeanIoU, 12);
        Assert.Equal(0.65, s.MacroIoU.Value, 12);
        Assert.Equal(2, s.MacroIoU.Classes);
        Assert.Equal(3, s.Matches.Count);
        Assert.Null(s.Matches[2].Prediction);
    }

    [Fact]
    public void Min_iou_threshold_is_configurable()
    {
        var images = new[] { Image("a", Gt(FractureClass.DisplacedFnf, 0, 0, 10, 10)) };
        var dets = Dets(("a", [Det(FractureClass.DisplacedFnf, 0.9, 5, 0, 15, 10)])); // IoU 1/3
        Assert.Equal(0, BoxOverlapSummary.Compute(images, dets, 0.5).Micro.Found);
        var loose = BoxOverlapSummary.Compute(images, dets, 0.5, minIoU: 0.3).Micro;
        Assert.Equal(1, loose.Found);
        Assert.Equal(1.0 / 3, loose.MeanIoU, 12);
        Assert.Equal(0.5, loose.MeanDice, 12);
    }
}
