using HipFx.Data.Synth;

namespace HipFx.Data.Tests.Synth;

public class SynthRandomTests
{
    [Fact]
    public void SameSeedStreamAndIndexGiveTheSameSequence()
    {
        var a = new SynthRandom(42, 7, 3);
        var b = new SynthRandom(42, 7, 3);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void NeighbouringIndicesGiveDifferentSequences()
    {
        var a = new SynthRandom(42, 7, 3);
        var b = new SynthRandom(42, 7, 4);
        Assert.NotEqual(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void UniformStaysInRangeAndCoversIt()
    {
        var rng = new SynthRandom(1);
        var values = Enumerable.Range(0, 10_000).Select(_ => rng.Uniform(2, 5)).ToList();
        Assert.All(values, v => Assert.InRange(v, 2, 5));
        Assert.InRange(values.Average(), 3.4, 3.6);
        Assert.True(values.Min() < 2.01 && values.Max() > 4.99);
    }

    [Fact]
    public void GaussianHasUnitVariance()
    {
        var rng = new SynthRandom(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => rng.Gaussian()).ToList();
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }
}
