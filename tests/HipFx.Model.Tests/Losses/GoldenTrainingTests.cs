using Xunit.Abstractions;

namespace HipFx.Model.Tests.Losses;

public abstract class GoldenTrainingTests : TorchTest
{
    private readonly GoldenSet golden;
    private readonly ITestOutputHelper output;

    protected GoldenTrainingTests(GoldenSet golden, ITestOutputHelper output)
    {
        this.golden = golden;
        this.output = output;
    }

    [Fact]
    public void Measure()
    {
        var run = GoldenTrainingRun.Run(golden);
        foreach (var n in GoldenTrainingRun.LossNames)
        {
            output.WriteLine($"{n}: ours {run.Losses[n]:R} official {run.ExpectedLosses[n]:R} diff {run.Losses[n] - run.ExpectedLosses[n]:E3}");
        }
        output.WriteLine("positives per stride: " + string.Join(" | ", run.PositivesPerStride.Select(p => string.Join(",", p))));
        double worstHead = 0, worstOther = 0;
        foreach (var (name, expected) in run.ExpectedGradNorms.OrderByDescending(kv => Math.Abs(run.GradNorms[kv.Key] - kv.Value) / Math.Max(kv.Value, 1e-12)))
        {
            double ours = run.GradNorms[name];
            double rel = expected == 0 ? ours : Math.Abs(ours - expected) / expected;
            if (name.StartsWith("head.")) worstHead = Math.Max(worstHead, rel); else worstOther = Math.Max(worstOther, rel);
            output.WriteLine($"{name}: ours {ours:R} official {expected:R} rel {rel:E3}");
        }
        output.WriteLine($"worst head {worstHead:E3} worst other {worstOther:E3} count {run.ExpectedGradNorms.Count}");
    }
}

public sealed class DefaultGoldenTrainingTests(DefaultGolden fixture, ITestOutputHelper output)
    : GoldenTrainingTests(fixture.Set, output), IClassFixture<DefaultGolden>;

public sealed class PerturbedGoldenTrainingTests(PerturbedGolden fixture, ITestOutputHelper output)
    : GoldenTrainingTests(fixture.Set, output), IClassFixture<PerturbedGolden>;
