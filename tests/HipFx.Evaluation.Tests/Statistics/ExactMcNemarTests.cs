using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests.Statistics;

public class ExactMcNemarTests
{
    [Theory]
    // b = 2, c = 8, n = 10: P(X ≤ 2) = (C(10,0) + C(10,1) + C(10,2))/2¹⁰ = (1 + 10 + 45)/1024 = 56/1024; p = 2·56/1024 = 7/64
    [InlineData(2, 8, 7.0 / 64)]
    [InlineData(8, 2, 7.0 / 64)]
    // b = 0, c = 6: P(X ≤ 0) = 1/64; p = 2/64 = 1/32
    [InlineData(0, 6, 1.0 / 32)]
    // b = c = 5: 2·P(X ≤ 5) = 2·638/1024 > 1, clipped to 1
    [InlineData(5, 5, 1.0)]
    // b = 1, c = 0: 2·P(X ≤ 0) = 2·(1/2) = 1
    [InlineData(1, 0, 1.0)]
    // b = 10, c = 25, n = 35: Σₖ₌₀¹⁰ C(35,k) = 286,454,524; p = 2·286454524/2³⁵ = 71613631/4294967296
    [InlineData(10, 25, 71613631.0 / 4294967296)]
    // no discordant pairs: nothing to test, p = 1
    [InlineData(0, 0, 1.0)]
    public void Two_sided_exact_p_matches_binomial_hand_computation(int b, int c, double expected)
    {
        var r = ExactMcNemar.Test(b, c);
        Assert.Equal(expected, r.PValue, 12);
        Assert.Equal(b + c, r.Discordant);
    }

    [Fact]
    public void Paired_table_tallies_discordant_pairs_and_change()
    {
        bool[] phase2 = [true, true, true, false, false, false, true, false];
        bool[] phase3 = [true, false, true, true, true, false, true, true];
        var t = PairedOutcomes.From(phase2, phase3);
        // a = both correct (0, 2, 6) = 3; b = II only (1) = 1; c = III only (3, 4, 7) = 3; d = both wrong (5) = 1
        Assert.Equal(new PairedOutcomes(3, 1, 3, 1), t);
        Assert.Equal(4.0 / 8, t.First.Value);
        Assert.Equal(6.0 / 8, t.Second.Value);
        Assert.Equal(2.0 / 8, t.Change, 12);
        // n = 4 discordant, min = 1: 2·(1 + 4)/16 = 10/16
        Assert.Equal(0.625, t.McNemar.PValue, 12);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactMcNemar.Test(-1, 3));
    }
}
