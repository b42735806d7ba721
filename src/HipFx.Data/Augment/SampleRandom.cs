using HipFx.Data.Splits;

namespace HipFx.Data.Augment;

/// <summary>
/// The random draws of one training sample, derived only from (seed, epoch, position in the epoch), so the same
/// seed gives the same augmented batches for any worker count and a resumed run repeats the exact sequence.
/// A fixed generator (SplitMix64): its output is part of the algorithm, not of a runtime version.
/// </summary>
public struct SampleRandom
{
    private SplitMix64 generator;

    private SampleRandom(ulong seed) => generator = new SplitMix64(seed);

    /// <summary>The generator for one sample (or, with <paramref name="position"/> −1, for the epoch's order).</summary>
    public static SampleRandom For(long seed, int epoch, int position)
    {
        var mix = new SplitMix64(unchecked((ulong)seed) ^ 0x5DEECE66DUL);
        ulong a = mix.Next() ^ unchecked((ulong)epoch * 0x9E3779B97F4A7C15UL);
        var second = new SplitMix64(a);
        ulong b = second.Next() ^ unchecked((ulong)(position + 1) * 0xC2B2AE3D27D4EB4FUL);
        return new SampleRandom(new SplitMix64(b).Next());
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (generator.Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int NextBelow(int n) => generator.NextBelow(n);

    /// <summary>A generator of its own for a sub-step (one draw of this one seeds it), so the sub-step may draw any
    /// number of values without shifting the draws that follow here.</summary>
    public SampleRandom Fork() => new(new SplitMix64(generator.Next()).Next());

    /// <summary>True with probability <paramref name="p"/> (always draws, so later draws do not depend on p).</summary>
    public bool Chance(double p) => NextDouble() < p;
}
