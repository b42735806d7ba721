using System.Runtime.CompilerServices;

namespace HipFx.Data.Augment;

/// <summary>
/// Samples the output of mosaic + random affine (+ flip) straight from the four cached tiles: the 2S×2S canvas
/// (tiles S×S with their corners meeting at the centre (xc, yc), 114 elsewhere) is never built. Each output pixel's
/// centre goes through one inverse affine map to a canvas point, which is sampled bilinearly (pixel centres at
/// i + 0.5, value 114 outside the canvas and outside every tile), so the result is what warping the built canvas
/// would give (to within the fixed-point weights). Taps that fall inside one tile are read directly; taps across a tile seam or the border look each
/// canvas pixel up.
/// </summary>
public ref struct MosaicSampler
{
    /// <summary>The border and empty-canvas value of the official code.</summary>
    public const byte Border = 114;

    private readonly ReadOnlySpan<byte> t0;
    private readonly ReadOnlySpan<byte> t1;
    private readonly ReadOnlySpan<byte> t2;
    private readonly ReadOnlySpan<byte> t3;
    private readonly int size;
    private readonly int xc;
    private readonly int yc;

    /// <param name="tiles0">Top-left tile; then top-right, bottom-left, bottom-right (each size×size bytes).</param>
    public MosaicSampler(ReadOnlySpan<byte> tiles0, ReadOnlySpan<byte> tiles1, ReadOnlySpan<byte> tiles2, ReadOnlySpan<byte> tiles3,
        int size, int xc, int yc)
    {
        t0 = tiles0;
        t1 = tiles1;
        t2 = tiles2;
        t3 = tiles3;
        this.size = size;
        this.xc = xc;
        this.yc = yc;
    }

    /// <summary>The canvas offset (pixel index of the tile's top-left corner) of tile <paramref name="k"/> (0..3).</summary>
    public static (int X, int Y) Offset(int k, int size, int xc, int yc) =>
        ((k & 1) == 0 ? xc - size : xc, (k & 2) == 0 ? yc - size : yc);

    /// <summary>
    /// Fills <paramref name="output"/> (size×size) with the canvas sampled at <paramref name="outputToCanvas"/>
    /// applied to each output pixel centre.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly unsafe void Sample(AffineMap outputToCanvas, Span<byte> output)
    {
        if (output.Length < size * size)
        {
            throw new ArgumentException("the output is smaller than size²", nameof(output));
        }
        var m = outputToCanvas;
        int s = size, canvas = 2 * size;
        long step = Fixed(m.A), stepY = Fixed(m.D);
        long low = -1L << FractionBits, high = (long)canvas << FractionBits;
        fixed (byte* p0 = t0, p1 = t1, p2 = t2, p3 = t3, outBase = output)
        {
            byte** tiles = stackalloc byte*[4];
            tiles[0] = p0;
            tiles[1] = p1;
            tiles[2] = p2;
            tiles[3] = p3;
            for (int oy = 0; oy < s; oy++)
            {
                // Canvas index-space position (centre minus 0.5) of output pixel (0, oy) in fixed point, then a step per pixel.
                long u = Fixed(m.A * 0.5 + m.B * (oy + 0.5) + m.C - 0.5);
                long v = Fixed(m.D * 0.5 + m.E * (oy + 0.5) + m.F - 0.5);
                byte* row = outBase + (long)oy * s;
                for (int ox = 0; ox < s; ox++, u += step, v += stepY)
                {
                    if (u < low || v < low || u >= high || v >= high)
                    {
                        row[ox] = Border; // all four taps outside the canvas
                        continue;
                    }
                    int x0 = (int)(u >> FractionBits), y0 = (int)(v >> FractionBits);
                    int fx = (int)(u >> (FractionBits - WeightBits)) & WeightMask;
                    int fy = (int)(v >> (FractionBits - WeightBits)) & WeightMask;
                    int p00, p01, p10, p11;
                    int qx = x0 >= xc ? 1 : 0, qy = y0 >= yc ? 1 : 0;
                    int tx = x0 - (qx == 0 ? xc - s : xc), ty = y0 - (qy == 0 ? yc - s : yc);
                    // Fast path: both columns and both rows inside one tile and inside the canvas.
                    if ((uint)tx < (uint)(s - 1) && (uint)ty < (uint)(s - 1) && x0 + 1 != xc && y0 + 1 != yc
                        && x0 >= 0 && y0 >= 0 && x0 + 1 < canvas && y0 + 1 < canvas)
                    {
                        byte* q = tiles[qy * 2 + qx] + (ty * s + tx);
                        p00 = q[0];
                        p01 = q[1];
                        p10 = q[s];
                        p11 = q[s + 1];
                    }
                    else
                    {
                        p00 = At(x0, y0);
                        p01 = At(x0 + 1, y0);
                        p10 = At(x0, y0 + 1);
                        p11 = At(x0 + 1, y0 + 1);
                    }
                    int top = (p00 << WeightBits) + (p01 - p00) * fx;
                    int bottom = (p10 << WeightBits) + (p11 - p10) * fx;
                    int value = (top << WeightBits) + (bottom - top) * fy;
                    row[ox] = (byte)((value + (1 << (2 * WeightBits - 1))) >> (2 * WeightBits));
                }
            }
        }
    }

    // Positions in 32.16 fixed point (exact integer arithmetic, the same on every machine); bilinear weights in
    // 1/1024 steps (OpenCV's warpAffine uses 1/32).
    private const int FractionBits = 16;
    private const int WeightBits = 10;
    private const int WeightMask = (1 << WeightBits) - 1;

    private static long Fixed(double value) => (long)Math.Floor(value * (1L << FractionBits) + 0.5);

    /// <summary>The canvas pixel at index (x, y): its tile's byte, or 114 outside the canvas and outside every tile.</summary>
    public readonly byte At(int x, int y)
    {
        if (x < 0 || y < 0 || x >= 2 * size || y >= 2 * size)
        {
            return Border;
        }
        int qx = x >= xc ? 1 : 0, qy = y >= yc ? 1 : 0;
        int tx = x - (qx == 0 ? xc - size : xc), ty = y - (qy == 0 ? yc - size : yc);
        return tx < 0 || ty < 0 || tx >= size || ty >= size ? Border : Tile(qy * 2 + qx)[ty * size + tx];
    }

    private readonly ReadOnlySpan<byte> Tile(int k) => k switch
    {
        0 => t0,
        1 => t1,
        2 => t2,
        _ => t3,
    };
}
