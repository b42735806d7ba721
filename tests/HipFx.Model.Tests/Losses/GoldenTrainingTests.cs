using Xunit.Abstractions;

namespace HipFx.Model.Tests.Losses;

/// <summary>
/// The golden training checks: official weights, <c>train()</c>, the golden batch and targets → losses and gradient
/// norms against the official run (golden READMEs, "Training check").
/// <para>Tolerances, measured on this CPU (2 threads, libtorch 2.10 vs the official 1.13, float32):</para>
/// <list type="bullet">
/// <item>Losses: |d| ≤ 5e-5. Measured: set A ≤ 1.2e-7, set A2 ≤ 5.7e-6 (total). Our model run in float64 gives
/// total 7.9314604 against the official float32 7.9314594, so float32 rounding alone accounts for ~1e-6; 5e-5 is
/// 10× tighter than the README's 5e-4 and still ~9× above the measured worst.</item>
/// <item>Head grad norms: relative ≤ 1e-4. Measured worst 6.6e-6 (head.scales.0.scale); the README allows 1e-3.</item>
/// <item>Backbone/neck grad norms: relative ≤ 2e-2 (the README's). Measured worst 6.6e-3
/// (backbone.block_list.0.conv.bn.bias). Training mode is ill-conditioned: our model in float64 differs from the
/// official float32 norms by up to 1.1% (backbone.block_list.0.conv.bn.weight), so float32 rounding alone, in
/// either run, reaches that size.</item>
/// <item>Parameters without stride-32 positives (head.gfl_reg.2.*, head.scales.2.scale): exactly 0.</item>
/// </list>
/// </summary>
public abstract class GoldenTrainingTests : TorchTest
{
    private const double LossTolerance = 5e-5;
    private const double HeadGradTolerance = 1e-4;
    private const double BodyGradTolerance = 2e-2;

    private readonly GoldenSet golden;
    private readonly ITestOutputHelper output;

    protected GoldenTrainingTests(GoldenSet golden, ITestOutputHelper output)
    {
        this.golden = golden;
        this.output = output;
    }

    private protected GoldenTrainingRun Run() => GoldenTrainingRun.Run(golden);

    [Fact]
    public void Losses_and_gradient_norms_match_the_official_training_step()
    {
        var run = Run();
        foreach (var name in GoldenTrainingRun.LossNames)
        {
            double d = run.Losses[name] - run.ExpectedLosses[name];
            output.WriteLine($"{name}: ours {run.Losses[name]:R}, official {run.ExpectedLosses[name]:R}, diff {d:E2}");
            Assert.True(Math.Abs(d) <= LossTolerance,
                $"{golden.Name} {name}: ours {run.Losses[name]:R}, official {run.ExpectedLosses[name]:R} (|diff| {Math.Abs(d):E2} > {LossTolerance:E0})");
        }

        Assert.NotEmpty(run.ExpectedGradNorms);
        var failures = new List<string>();
        double worstHead = 0, worstBody = 0;
        foreach (var (name, expected) in run.ExpectedGradNorms)
        {
            Assert.True(run.GradNorms.ContainsKey(name), $"{golden.Name}: the model has no parameter '{name}'");
            double ours = run.GradNorms[name];
            if (expected == 0)
            {
                if (ours != 0)
                {
                    failures.Add($"{name}: official gradient is exactly 0, ours has norm {ours:R}");
                }
                continue;
            }
            double rel = Math.Abs(ours - expected) / expected;
            bool head = name.StartsWith("head.", StringComparison.Ordinal);
            double tolerance = head ? HeadGradTolerance : BodyGradTolerance;
            if (head) worstHead = Math.Max(worstHead, rel); else worstBody = Math.Max(worstBody, rel);
            if (rel > tolerance)
            {
                failures.Add($"{name}: ours {ours:R}, official {expected:R}, relative diff {rel:E2} > {tolerance:E0}");
            }
        }
        output.WriteLine($"{run.ExpectedGradNorms.Count} grad norms; worst relative diff: head {worstHead:E2}, backbone/neck {worstBody:E2}");
        Assert.True(failures.Count == 0, $"{golden.Name} grad norms:\n" + string.Join("\n", failures));
    }
}

public sealed class DefaultGoldenTrainingTests(DefaultGolden fixture, ITestOutputHelper output)
    : GoldenTrainingTests(fixture.Set, output), IClassFixture<DefaultGolden>;

public sealed class PerturbedGoldenTrainingTests(PerturbedGolden fixture, ITestOutputHelper output)
    : GoldenTrainingTests(fixture.Set, output), IClassFixture<PerturbedGolden>
{
    [Fact]
    public void Positives_per_stride_match_the_official_assignment_and_every_parameter_is_compared()
    {
        var run = Run();
        // README (set A2): image 0 has 5 positives at stride 8 and 6 at stride 16; image 1 has 4 and 2; none at 32.
        Assert.Equal(new long[] { 5, 6, 0 }, run.PositivesPerStride[0]);
        Assert.Equal(new long[] { 4, 2, 0 }, run.PositivesPerStride[1]);
        // grad_norms_all covers every parameter of the official model: 300, the same names as ours.
        Assert.Equal(300, run.ExpectedGradNorms.Count);
        Assert.Equal(run.ExpectedGradNorms.Keys.Order(), run.GradNorms.Keys.Order());
        foreach (var zero in new[] { "head.gfl_reg.2.weight", "head.gfl_reg.2.bias", "head.scales.2.scale" })
        {
            Assert.Equal(0.0, run.GradNorms[zero]);
        }
    }
}
