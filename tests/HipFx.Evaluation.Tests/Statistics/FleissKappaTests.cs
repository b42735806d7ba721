using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests.Statistics;

public class FleissKappaTests
{
    [Fact]
    public void Small_table_matches_hand_computation()
    {
        // 5 images, 3 readers, 3 categories; Pᵢ = (Σ nᵢⱼ² − 3)/(3·2):
        //   [3 0 0] P = (9 − 3)/6 = 1      [0 3 0] P = 1
        //   [2 1 0] P = (5 − 3)/6 = 1/3    [0 1 2] P = 1/3     [1 1 1] P = 0
        // Po = (1 + 1 + 1/3 + 1/3 + 0)/5 = 8/15
        // column totals 6, 6, 3 of 15 -> p = .4, .4, .2, Pe = .16 + .16 + .04 = .36 = 9/25
        // κ = (8/15 − 9/25)/(16/25) = (13/75)(25/16) = 13/48 = 0.270833
        var counts = new[,] { { 3, 0, 0 }, { 0, 3, 0 }, { 2, 1, 0 }, { 0, 1, 2 }, { 1, 1, 1 } };
        var k = FleissKappa.PointEstimate(counts);
        Assert.Equal(13.0 / 48, k.Kappa, 12);
        Assert.Equal(8.0 / 15, k.ObservedAgreement, 12);
        Assert.Equal(0.36, k.ExpectedAgreement, 12);
        Assert.Equal(3, k.Raters);
        Assert.Equal(5, k.Subjects);
    }

    [Fact]
    public void Published_fourteen_rater_example()
    {
        // The worked example of the Wikipedia article "Fleiss' kappa" (10 subjects, 14 raters, 5 categories):
        // P̄ = 0.378, P̄e = 0.213, κ = 0.210. Exactly: κ = 4211/20059 (computed with fractions).
        var counts = new[,]
        {
            { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 },
            { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
        };
        var k = FleissKappa.PointEstimate(counts);
        Assert.Equal(4211.0 / 20059, k.Kappa, 12);
        Assert.Equal(0.378022, k.ObservedAgreement, 6);
        Assert.Equal(0.212755, k.ExpectedAgreement, 6);
    }

    [Fact]
    public void Two_raters_with_equal_marginals_equal_cohen()
    {
        // With two raters Fleiss' κ is Scott's π; with equal marginals that equals Cohen's κ (0.6, see CohenKappaTests).
        int[] first = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
        int[] second = [0, 0, 0, 0, 1, 0, 1, 1, 1, 2, 1, 2, 2, 2, 2];
        var counts = FleissKappa.CountTable([first, second], 3);
        Assert.Equal(0.6, FleissKappa.PointEstimate(counts).Kappa, 12);
    }

    [Fact]
    public void Bootstrap_interval_is_seeded_and_brackets_the_estimate()
    {
        var random = new Random(7);
        var truth = Enumerable.Range(0, 200).Select(_ => random.Next(5)).ToArray();
        var raters = Enumerable.Range(0, 3)
            .Select(_ => (IReadOnlyList<int>)truth.Select(t => random.NextDouble() < 0.75 ? t : random.Next(5)).ToArray())
            .ToArray();
        var counts = FleissKappa.CountTable(raters, 5);
        var a = FleissKappa.Estimate(counts, new FleissKappaOptions { Seed = 1 });
        var b = FleissKappa.Estimate(counts, new FleissKappaOptions { Seed = 1 });
        var c = FleissKappa.Estimate(counts, new FleissKappaOptions { Seed = 2 });
        Assert.Equal(a, b);
        Assert.NotEqual(a.Lower, c.Lower);
        Assert.True(a.Lower < a.Kappa && a.Kappa < a.Upper, $"{a.Lower} < {a.Kappa} < {a.Upper}");
        Assert.True(a.Upper - a.Lower is > 0.02 and < 0.3, $"width {a.Upper - a.Lower}");
        Assert.Equal(KappaIntervalMethod.BootstrapPercentile, a.Method);
    }

    [Fact]
    public void Perfect_agreement_gives_one_and_a_degenerate_interval()
    {
        int[] labels = [0, 1, 2, 3, 4, 0, 1, 2];
        var counts = FleissKappa.CountTable([labels, labels, labels], 5);
        var k = FleissKappa.Estimate(counts);
        Assert.Equal(1.0, k.Kappa, 12);
        Assert.Equal(1.0, k.Lower, 12);
        Assert.Equal(1.0, k.Upper, 12);
    }

    [Fact]
    public void Unequal_rater_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => FleissKappa.PointEstimate(new[,] { { 2, 1 }, { 1, 1 } }));
        Assert.Throws<ArgumentException>(() => FleissKappa.PointEstimate(new[,] { { 1, 0 }, { 0, 1 } }));
    }
}
