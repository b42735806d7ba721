using HipFx.Data.Splits;

namespace HipFx.Data.Synth;

/// <summary>
/// A small deterministic random generator (xoshiro256**, seeded through SplitMix64). Unlike
/// <see cref="Random"/>, its sequence is fixed by this file alone, so a seed gives the same
/// dataset on every runtime. Each image gets its own stream from (seed, stream, index), which
/// makes parallel generation order-independent.
/// </summary>
public sealed class SynthRandom
{
    private ulong s0, s1, s2, s3;

    public SynthRandom(long seed, ulong stream = 0, long index = 0)
    {
        ulong x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xD1B54A32D192ED03UL ^ (ulong)index * 0x94D049BB133111EBUL);
        var seeder = new SplitMix64(x);
        s0 = seeder.Next();
        s1 = seeder.Next();
        s2 = seeder.Next();
        s3 = seeder.Next();
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [lo, hi).</summary>
    public int Next(int lo, int hi) => hi <= lo ? lo : lo + (int)(NextUInt64() % (ulong)(hi - lo));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box-Muller, one value per call).</summary>
    public double Gaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Normal with mean and standard deviation, clamped to [lo, hi].</summary>
    public double Normal(double mean, double sd, double lo = double.NegativeInfinity, double hi = double.PositiveInfinity) =>
        Math.Clamp(mean + sd * Gaussian(), lo, hi);

    /// <summary>16 random bytes (for UIDs).</summary>
    public void NextBytes(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i += 8)
        {
            ulong v = NextUInt64();
            for (int j = 0; j < 8 && i + j < bytes.Length; j++)
            {
                bytes[i + j] = (byte)(v >> (8 * j));
            }
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
