using HipFx.Core;
using HipFx.Training.Schedule;

namespace HipFx.Training.Tests.Schedule;

public sealed class LrScheduleTests
{
    // 10 epochs × 4 iterations: warm-up 2 epochs (8 its), cosine over 10·4 − 8 − 2·4 = 24 its, no-aug 2 epochs (8 its).
    private static readonly ScheduleOptions Options = new() { Epochs = 10, WarmupEpochs = 2, NoAugEpochs = 2, MinLrRatio = 0.05 };
    private const double Base = 0.04;

    [Theory]
    [InlineData(0, 0.0)]                                   // (0.04 − 0)·0² + 0
    [InlineData(2, 0.04 * 0.0625)]                         // (2/8)² = 1/16
    [InlineData(4, 0.04 * 0.25)]                           // (4/8)²
    [InlineData(7, 0.04 * 49.0 / 64)]                      // (7/8)²
    [InlineData(8, 0.04)]                                  // cosine start: final + ½(base − final)(1 + cos 0) = base
    [InlineData(20, 0.002 + 0.5 * 0.038 * 1.0)]            // halfway (12/24): cos(π/2) = 0
    [InlineData(14, 0.002 + 0.5 * 0.038 * 1.7071067811865475)] // 6/24: 1 + cos(π/4)
    [InlineData(32, 0.002)]                                // no-aug tail: the floor
    [InlineData(39, 0.002)]
    [InlineData(45, 0.002)]                                // past the end: still the floor
    public void Matches_the_official_formula_at_hand_computed_points(long iteration, double expected)
    {
        var schedule = new LrSchedule(Options, Base, iterationsPerEpoch: 4);
        Assert.Equal(expected, schedule.At(iteration), 12);
    }

    [Fact]
    public void The_other_reading_starts_the_warm_up_at_a_fraction_of_the_base_lr()
    {
        var schedule = new LrSchedule(Options with { WarmupStartRatio = 0.05 }, Base, 4);
        Assert.Equal(0.002, schedule.At(0), 12);
        Assert.Equal((0.04 - 0.002) * 0.25 + 0.002, schedule.At(4), 12);
        Assert.Equal(0.04, schedule.At(8), 12);
    }

    [Fact]
    public void Without_a_cosine_phase_the_warm_up_leads_straight_to_the_floor()
    {
        var schedule = new LrSchedule(new ScheduleOptions { Epochs = 2, WarmupEpochs = 1, NoAugEpochs = 1 }, Base, 3);
        Assert.Equal(0.04 * 4 / 9, schedule.At(2), 12);
        Assert.Equal(0.002, schedule.At(3), 12);
    }

    [Theory]
    [InlineData(0, 0, 0, "train.epochs")]
    [InlineData(10, -1, 0, "train.warmup_epochs")]
    [InlineData(10, 6, 6, "train.epochs")]
    public void Bad_values_name_their_key(int epochs, int warmup, int noAug, string key)
    {
        var e = Assert.Throws<HipFxConfigException>(() =>
            new ScheduleOptions { Epochs = epochs, WarmupEpochs = warmup, NoAugEpochs = noAug }.Validated());
        Assert.StartsWith(key + ":", e.Message);
    }
}
