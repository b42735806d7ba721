using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Tests.Statistics;

public class CohenKappaTests
{
    [Fact]
    public void Three_categories_match_hand_computed_kappa_and_variance()
    {
        // Rows: phase I, columns: phase II; n = 15.
        //   [4 1 0]
        //   [1 3 1]
        //   [0 1 4]
        // Po = 11/15, marginals all 5/15 = 1/3, Pe = 3·(1/3)(1/3) = 1/3, κ = (11/15 − 1/3)/(2/3) = 0.6.
        // Fleiss–Cohen–Everitt, 1 − κ = 0.4, (pᵢ. + p.ᵢ)(1 − κ) = (2/3)(0.4) = 4/15:
        //   A = Σ pᵢᵢ (1 − 4/15)² = (11/15)(121/225)        = 1331/3375
        //   B = 0.4² Σᵢ≠ⱼ pᵢⱼ (1/3 + 1/3)² = 0.16·(4/15)(4/9) =   64/3375
        //   C = (0.6 − (1/3)(0.4))² = (7/15)²                =  735/3375
        //   Var = (1331 + 64 − 735)/3375 / (15·(2/3)²) = (660/3375)/(20/3) = 11/375 = 0.029333
        //   SE = 0.171270; 95% CI = 0.6 ± 1.959964·0.171270 = [0.264317, 0.935683].
        var k = CohenKappa.FromTable(new[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } });
        Assert.Equal(0.6, k.Kappa, 12);
        Assert.Equal(11.0 / 15, k.ObservedAgreement, 12);
        Assert.Equal(1.0 / 3, k.ExpectedAgreement, 12);
        Assert.Equal(Math.Sqrt(11.0 / 375), k.StandardError, 12);
        Assert.Equal(0.264317, k.Lower, 5);
        Assert.Equal(0.935683, k.Upper, 5);
        Assert.Equal(15, k.Subjects);
        Assert.Equal(KappaIntervalMethod.FleissCohenEveritt, k.Method);
    }

    [Fact]
    public void Unequal_marginals_two_categories_match_hand_computation()
    {
        // [20  5]   n = 50, rows .5/.5, columns .6/.4
        // [10 15]   Po = 35/50 = .7, Pe = .5·.6 + .5·.4 = .5, κ = .2/.5 = 0.4; 1 − κ = .6
        // A = .4(1 − 1.1·.6)² + .3(1 − .9·.6)² = .4·.1156 + .3·.2116         = .10972
        // B = .36[.1(p.1 + p2.)² + .2(p.2 + p1.)²] = .36[.1·1.21 + .2·.81]    = .10188
        // C = (.4 − .5·.6)² = .01
        // Var = (.10972 + .10188 − .01)/(50·.25) = .2016/12.5 = .016128, SE = .126996
        var k = CohenKappa.FromTable(new[,] { { 20, 5 }, { 10, 15 } });
        Assert.Equal(0.4, k.Kappa, 12);
        Assert.Equal(0.016128, k.StandardError * k.StandardError, 12);
    }

    [Fact]
    public void Ratings_are_tallied_into_the_same_table()
    {
        int[] first = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
        int[] second = [0, 0, 0, 0, 1, 0, 1, 1, 1, 2, 1, 2, 2, 2, 2];
        var fromRatings = CohenKappa.FromRatings(first, second, 3);
        var fromTable = CohenKappa.FromTable(new[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } });
        Assert.Equal(fromTable, fromRatings);
    }

    [Fact]
    public void Perfect_agreement_gives_one_with_zero_width_interval()
    {
        // Po = 1, κ = 1: A = Σ pᵢᵢ = 1, B = 0, C = (1 − 0)² = 1, so Var = 0.
        int[] labels = [0, 1, 2, 3, 4, 4, 2, 0];
        var k = CohenKappa.FromRatings(labels, labels, 5);
        Assert.Equal(1.0, k.Kappa, 12);
        Assert.Equal(0.0, k.StandardError, 12);
        Assert.Equal(1.0, k.Lower, 12);
        Assert.Equal(1.0, k.Upper, 12);
        Assert.Equal("almost perfect", k.Strength);
    }

    [Fact]
    public void A_category_nobody_chose_changes_nothing()
    {
        // Category 3 and 4 never used: the same table padded with empty rows/columns gives the same κ and SE.
        var small = CohenKappa.FromTable(new[,] { { 4, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } });
        var padded = CohenKappa.FromTable(new[,]
        {
            { 4, 1, 0, 0, 0 }, { 1, 3, 1, 0, 0 }, { 0, 1, 4, 0, 0 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 },
        });
        Assert.Equal(small.Kappa, padded.Kappa, 12);
        Assert.Equal(small.StandardError, padded.StandardError, 12);
    }

    [Fact]
    public void One_category_for_everything_is_undefined_not_one()
    {
        // Pe = 1: agreement beyond chance cannot be measured.
        int[] same = [4, 4, 4, 4];
        var k = CohenKappa.FromRatings(same, same, 5);
        Assert.True(double.IsNaN(k.Kappa));
        Assert.Equal(1.0, k.ObservedAgreement);
        Assert.Equal("n/a", k.Strength);
    }

    [Fact]
    public void Systematic_disagreement_is_negative_and_clipped_at_minus_one()
    {
        var k = CohenKappa.FromTable(new[,] { { 0, 10 }, { 10, 0 } });
        Assert.Equal(-1.0, k.Kappa, 12);
        Assert.True(k.Lower >= -1);
        Assert.Equal("poor", k.Strength);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_categories_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CohenKappa.FromRatings([0, 1], [0], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => CohenKappa.FromRatings([0, 2], [0, 1], 2));
    }
}
