using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests.Statistics;

public class PatientBootstrapTests
{
    private sealed record Item(string Patient, double X);

    private static readonly Item[] Items =
    [
        new("a", 1), new("a", 1), new("a", 1), // patient a: three images
        new("b", 0.2), new("c", 0.35), new("d", 0.8), new("e", 0.05), new("f", 0.6), new("g", 0.45),
    ];

    private static IReadOnlyDictionary<string, double> Stats(IReadOnlyList<Item> s) => new Dictionary<string, double>
    {
        ["mean"] = s.Average(i => i.X),
        ["a_images_mod_3"] = s.Count(i => i.Patient == "a") % 3,
        ["nan"] = double.NaN,
    };

    [Fact]
    public void Same_seed_same_interval_and_patients_stay_whole()
    {
        var o = new BootstrapOptions { Resamples = 300, Seed = 7 };
        var r1 = PatientBootstrap.Run(Items, i => i.Patient, Stats, o);
        var r2 = PatientBootstrap.Run(Items, i => i.Patient, Stats, o);
        Assert.Equal(r1["mean"], r2["mean"]);
        Assert.Equal(new BootstrapInterval(0, 0, 300), r1["a_images_mod_3"]); // a's images always come together
        Assert.Equal(0, r1["nan"].ValidResamples);
        var mean = r1["mean"];
        Assert.InRange(Items.Average(i => i.X), mean.Lower, mean.Upper);
        Assert.True(mean.Lower < mean.Upper);
        var other = PatientBootstrap.Run(Items, i => i.Patient, Stats, o with { Seed = 8 });
        Assert.NotEqual(r1["mean"], other["mean"]);
    }

    [Fact]
    public void Off_by_default()
    {
        Assert.Empty(PatientBootstrap.Run(Items, i => i.Patient, Stats, new BootstrapOptions()));
    }
}
