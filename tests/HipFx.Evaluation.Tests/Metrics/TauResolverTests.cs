using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Metrics;

public sealed class TauResolverTests
{
    private static TauSelection Locked(bool valgus, double valgusTau = 0.3) => new()
    {
        Tau = 0.42, Criterion = TauSelection.MacroYoudenCriterion, Objective = 0.5, Split = "val", Images = 10, Candidates = 11,
        ValgusPriority = valgus, ValgusTau = valgusTau,
    };

    [Fact]
    public void Explicit_tau_wins_and_is_range_checked_naming_the_key()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Locked(false).Write(tmp.File("tau.json"));
        var choice = TauResolver.ExplicitOrLocked(0.7, tmp.File("tau.json"), new DecisionOptions())!;
        Assert.Equal(0.7, choice.Tau);
        Assert.Equal("--tau", choice.Source);
        foreach (double bad in new[] { -0.1, 1.5, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<HipFxConfigException>(() => TauResolver.ExplicitOrLocked(bad, null, new DecisionOptions()));
            Assert.Equal("Tau", e.Key);
        }
    }

    [Fact]
    public void Locked_tau_is_used_and_a_different_valgus_setting_is_warned_about()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string file = tmp.File("tau.json");
        Assert.Null(TauResolver.ExplicitOrLocked(null, file, new DecisionOptions()));
        Locked(valgus: true).Write(file);
        var same = TauResolver.ExplicitOrLocked(null, file, new DecisionOptions { ValgusPriority = true })!;
        Assert.Equal(0.42, same.Tau);
        Assert.Empty(same.Warnings);
        Assert.StartsWith($"locked in {file}", same.Source);
        var off = TauResolver.ExplicitOrLocked(null, file, new DecisionOptions())!;
        Assert.Contains(off.Warnings, w => w.Contains("valgus-priority rule on", StringComparison.Ordinal));
        var otherTauV = TauResolver.ExplicitOrLocked(null, file, new DecisionOptions { ValgusPriority = true, ValgusTau = 0.6 })!;
        Assert.Contains(otherTauV.Warnings, w => w.Contains("τ_v = 0.6", StringComparison.Ordinal));
    }
}
