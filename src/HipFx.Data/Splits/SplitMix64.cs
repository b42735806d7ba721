namespace HipFx.Data.Splits;

/// <summary>
/// A small, fixed pseudo-random generator (SplitMix64, Steele et al. 2014). Chosen over <see cref="Random"/> so a
/// split is reproducible forever: its output is part of the algorithm, not of a runtime version.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n) (rejection sampling, no modulo bias).</summary>
    public int NextBelow(int n)
    {
        ulong limit = ulong.MaxValue - (ulong.MaxValue % (ulong)n);
        ulong value;
        do
        {
            value = Next();
        }
        while (value >= limit);
        return (int)(value % (ulong)n);
    }

    /// <summary>A stable 64-bit hash of text (FNV-1a over UTF-16 code units), to derive per-stratum seeds.</summary>
    public static ulong Hash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }
        return hash;
    }
}
