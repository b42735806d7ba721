using HipFx.Torch;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

/// <summary>Shared test helpers: torch start-up and tensor comparisons that report where they fail.</summary>
internal static class Harness
{
    public static void EnsureTorch() => TorchRuntime.EnsureInitialized();

    /// <summary>Largest |a − b|.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(b.shape, a.shape);
        using var d = (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max();
        return d.item<double>();
    }

    /// <summary>Largest |a − b| / (1 + |b|).</summary>
    public static double MaxRelDiff(Tensor actual, Tensor expected)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        var e = expected.to(ScalarType.Float64);
        var d = (actual.to(ScalarType.Float64) - e).abs() / (e.abs() + 1);
        return d.max().item<double>();
    }

    public static void Close(Tensor actual, Tensor expected, double atol, string what, Xunit.Abstractions.ITestOutputHelper? log = null)
    {
        double d = MaxAbsDiff(actual, expected);
        log?.WriteLine($"{what}: max |diff| {d:E2} (tolerance {atol:E0})");
        Assert.True(d <= atol, $"{what}: max |diff| {d:E3} > {atol:E1}");
    }

    public static void CloseRelative(Tensor actual, Tensor expected, double rtol, string what, Xunit.Abstractions.ITestOutputHelper? log = null)
    {
        double d = MaxRelDiff(actual, expected);
        log?.WriteLine($"{what}: max |diff|/(1+|ref|) {d:E2} (tolerance {rtol:E0})");
        Assert.True(d <= rtol, $"{what}: max |diff|/(1+|ref|) {d:E3} > {rtol:E1}");
    }

    /// <summary>A model built with another seed, then loaded with the golden weights (strict import).</summary>
    public static DamoYolo LoadedModel(GoldenSet golden, int seed = 123)
    {
        manual_seed(seed);
        var model = DamoYolo.Tiny(4);
        var report = Weights.OfficialWeights.Import(model, golden.Weights, golden.WeightsPath);
        Assert.False(report.ClassLayersReinitialized);
        model.eval();
        return model;
    }
}
