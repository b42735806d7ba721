using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Tests;
using static HipFx.Evaluation.Tests.Metrics.Make;

namespace HipFx.Evaluation.Tests.Metrics;

public class TauSelectorTests
{
    private const FractureClass DF = FractureClass.DisplacedFnf;
    private const FractureClass SF = FractureClass.StableItf;

    // img1 DF (top .9 DF), img2 no fracture (top .4 DF), img3 SF (top .6 SF), img4 no fracture (no box).
    // Macro Youden J over classes with defined Se (DF, SF):
    //   τ=1.0: J_DF 0, J_SF 0 -> 0;  τ=.9: 1, 0 -> .5;  τ=.6: 1, 1 -> 1;  τ=.4: DF Sp 2/3 -> (2/3 + 1)/2.
    private static readonly EvalImage[] Images =
    [
        Image("1", ImageLabel.DisplacedFnf, Gt(DF, 0, 0, 1, 1)),
        Image("2", ImageLabel.NoFracture),
        Image("3", ImageLabel.StableItf, Gt(SF, 0, 0, 1, 1)),
        Image("4", ImageLabel.NoFracture),
    ];

    [Fact]
    public void Picks_the_tau_of_largest_macro_youden()
    {
        var dets = Dets(("1", [Det(DF, 0.9, 0, 0, 1, 1)]), ("2", [Det(DF, 0.4, 0, 0, 1, 1)]), ("3", [Det(SF, 0.6, 0, 0, 1, 1)]));
        var t = TauSelector.Select(Images, dets, new DecisionOptions(), "val");
        Assert.Equal(0.6, t.Tau);
        Assert.Equal(1.0, t.Objective, 12);
        Assert.Equal(4, t.Candidates); // 1.0, .9, .6, .4
        Assert.Equal((2.0 / 3 + 1) / 2, TauSelector.Objective(Images, dets, new DecisionOptions { Tau = 0.4 }), 12);
    }

    [Fact]
    public void Ties_go_to_the_higher_tau()
    {
        // img4 gets an unstable_itf box at .5: τ=.5 calls it UF (a FP of a class with no positives, so its
        // Se and J are undefined): J stays 1, equal to τ=.6 -> the higher τ, .6, is kept.
        var dets = Dets(("1", [Det(DF, 0.9, 0, 0, 1, 1)]), ("2", [Det(DF, 0.4, 0, 0, 1, 1)]),
            ("3", [Det(SF, 0.6, 0, 0, 1, 1)]), ("4", [Det(FractureClass.UnstableItf, 0.5, 0, 0, 1, 1)]));
        Assert.Equal(1.0, TauSelector.Objective(Images, dets, new DecisionOptions { Tau = 0.5 }), 12);
        Assert.Equal(0.6, TauSelector.Select(Images, dets, new DecisionOptions(), "val").Tau);
    }

    [Fact]
    public void Tau_json_is_locked_once_written()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string path = tmp.File(TauSelection.FileName);
        var t = new TauSelection { Tau = 0.42, Criterion = TauSelection.MacroYoudenCriterion, Objective = 0.8, Split = "val", Images = 4, Candidates = 3 };
        t.Write(path);
        Assert.Equal(t, TauSelection.Read(path));
        t.Write(path); // same τ: fine, file unchanged
        var e = Assert.Throws<HipFxDataException>(() => (t with { Tau = 0.5 }).Write(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(0.42, TauSelection.Read(path).Tau);
    }

    [Fact]
    public void Bad_tau_json_names_the_file()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string path = tmp.File("tau.json");
        File.WriteAllText(path, """{"tau": 0.5, "criterion": "x", "objective": 1, "split": "val", "images": 1, "candidates": 1, "bogus": 2}""");
        var e = Assert.Throws<HipFxDataException>(() => TauSelection.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("bogus", e.Message);
    }
}
