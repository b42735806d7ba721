namespace HipFx.Data.Synth;

/// <summary>
/// Noise fields made once per dataset (from the seed) and shared read-only by every image: a tileable
/// trabecular texture (streaks plus a fine network) and correlated detector noise. Images sample them
/// at their own offsets, so no image allocates or generates noise per pixel.
/// </summary>
public sealed class TextureBank
{
    /// <summary>Side of the square tileable textures (a power of two).</summary>
    public const int TrabecularSide = 512;

    /// <summary>Side of the detector-noise field (a power of two).</summary>
    public const int NoiseSide = 1024;

    public TextureBank(long seed)
    {
        var rng = new SynthRandom(seed, stream: 0x7E47);
        Trabecular = MakeTrabecular(rng);
        Noise = MakeNoise(rng);
    }

    /// <summary>Zero-mean, unit-variance trabecular pattern, <see cref="TrabecularSide"/>² values.</summary>
    public float[] Trabecular { get; }

    /// <summary>Zero-mean, unit-variance detector noise, <see cref="NoiseSide"/>² values.</summary>
    public float[] Noise { get; }

    /// <summary>Bilinear sample of the trabecular texture at texel coordinates (wrapping).</summary>
    public float SampleTrabecular(float u, float v)
    {
        const int mask = TrabecularSide - 1;
        float fu = MathF.Floor(u), fv = MathF.Floor(v);
        int x0 = (int)fu & mask, y0 = (int)fv & mask;
        int x1 = (x0 + 1) & mask, y1 = (y0 + 1) & mask;
        float tx = u - fu, ty = v - fv;
        var t = Trabecular;
        float a = t[y0 * TrabecularSide + x0] + tx * (t[y0 * TrabecularSide + x1] - t[y0 * TrabecularSide + x0]);
        float b = t[y1 * TrabecularSide + x0] + tx * (t[y1 * TrabecularSide + x1] - t[y1 * TrabecularSide + x0]);
        return a + ty * (b - a);
    }

    private static float[] MakeTrabecular(SynthRandom rng)
    {
        const int n = TrabecularSide;
        var streaks = WhiteNoise(rng, n * n);
        // Long along x, short across: oriented trabeculae.
        BoxBlur(streaks, n, radiusX: 5, radiusY: 1, passes: 2);
        Normalize(streaks);
        var network = WhiteNoise(rng, n * n);
        BoxBlur(network, n, radiusX: 1, radiusY: 1, passes: 2);
        Normalize(network);
        var result = new float[n * n];
        for (int i = 0; i < result.Length; i++)
        {
            // A soft threshold turns blurred noise into plate-and-rod-like struts.
            float s = 0.75f * streaks[i] + 0.55f * network[i];
            result[i] = MathF.Tanh(1.6f * s);
        }
        Normalize(result);
        return result;
    }

    private static float[] MakeNoise(SynthRandom rng)
    {
        const int n = NoiseSide;
        var noise = WhiteNoise(rng, n * n);
        // Detector blur correlates neighbouring pixels a little.
        var copy = (float[])noise.Clone();
        BoxBlur(copy, n, 1, 1, 1);
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = 0.6f * noise[i] + 0.8f * copy[i];
        }
        Normalize(noise);
        return noise;
    }

    private static float[] WhiteNoise(SynthRandom rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            // Sum of uniforms: close enough to Gaussian, and cheap.
            values[i] = (float)(rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 2f;
        }
        return values;
    }

    /// <summary>Separable wrapping box blur of a square n×n field.</summary>
    private static void BoxBlur(float[] field, int n, int radiusX, int radiusY, int passes)
    {
        var line = new float[n];
        for (int p = 0; p < passes; p++)
        {
            for (int y = 0; y < n; y++)
            {
                BlurLine(field, y * n, 1, n, radiusX, line);
            }
            for (int x = 0; x < n; x++)
            {
                BlurLine(field, x, n, n, radiusY, line);
            }
        }
    }

    private static void BlurLine(float[] field, int start, int stride, int n, int radius, float[] line)
    {
        if (radius <= 0)
        {
            return;
        }
        float sum = 0;
        for (int k = -radius; k <= radius; k++)
        {
            sum += field[start + ((k + n) % n) * stride];
        }
        float inv = 1f / (2 * radius + 1);
        for (int i = 0; i < n; i++)
        {
            line[i] = sum * inv;
            sum += field[start + ((i + radius + 1) % n) * stride] - field[start + ((i - radius + n) % n) * stride];
        }
        for (int i = 0; i < n; i++)
        {
            field[start + i * stride] = line[i];
        }
    }

    private static void Normalize(float[] values)
    {
        double mean = 0, sq = 0;
        foreach (float v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        foreach (float v in values)
        {
            sq += (v - mean) * (v - mean);
        }
        float inv = (float)(1 / Math.Sqrt(sq / values.Length + 1e-12));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] - mean) * inv;
        }
    }
}
