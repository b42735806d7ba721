using System.Buffers;
using System.Runtime.CompilerServices;
using HipFx.Core;

namespace HipFx.Data.Augment;

/// <summary>
/// Where mixup's second image lands on the S×S output (official mixup, damo-yolo-t.md section 5.4): the image is
/// letterboxed (aspect kept, top-left) into an S×S canvas of 114, the canvas scaled by the jitter, mirrored with its
/// own flip, padded with 0 where it is smaller than S and cropped at (XOffset, YOffset). Every step is an axis-aligned
/// affine map, so the pixels are sampled from the cached (stretched) tile in one step and the boxes follow the same map.
/// </summary>
public readonly record struct MixupLayout(int Size, int OriginalWidth, int OriginalHeight, double Jitter, bool Mirror, int XOffset, int YOffset)
{
    /// <summary>Width and height of the scaled canvas (cv2.resize to int(S·jitter)).</summary>
    public int ScaledCanvas => (int)(Size * Jitter);

    /// <summary>Width of the letterboxed image inside the S×S canvas.</summary>
    public int LetterboxWidth => Math.Max(1, (int)(OriginalWidth * Ratio));

    public int LetterboxHeight => Math.Max(1, (int)(OriginalHeight * Ratio));

    private double Ratio => Math.Min(Size / (double)OriginalHeight, Size / (double)OriginalWidth);

    /// <summary>Draws the layout's random parts in the official order (jitter, flip, then the crop offsets).</summary>
    public static MixupLayout Draw(ref SampleRandom random, int size, int width, int height, AugmentOptions options)
    {
        double jitter = random.Uniform(options.MixupScaleMin, options.MixupScaleMax);
        bool mirror = random.Chance(0.5);
        int scaled = (int)(size * jitter);
        int xOffset = scaled > size ? random.NextBelow(scaled - size) : 0;
        int yOffset = scaled > size ? random.NextBelow(scaled - size) : 0;
        return new MixupLayout(size, width, height, jitter, mirror, xOffset, yOffset);
    }

    /// <summary>Tile (stretched S×S plane) coordinates → output coordinates, for one axis-aligned map per axis.</summary>
    public AffineMap TileToOutput()
    {
        double sc = ScaledCanvas / (double)Size;
        var toScaled = AffineMap.Scale(LetterboxWidth / (double)Size * sc, LetterboxHeight / (double)Size * sc);
        var mirrored = Mirror ? AffineMap.MirrorX(ScaledCanvas).After(toScaled) : toScaled;
        return AffineMap.Translation(-XOffset, -YOffset).After(mirrored);
    }

    /// <summary>The second image's boxes (tile pixels) on the output: moved, clipped, empty ones dropped.</summary>
    public void MoveBoxes(IReadOnlyList<GroundTruthBox> tileBoxes, List<GroundTruthBox> into)
    {
        var map = TileToOutput();
        foreach (var b in tileBoxes)
        {
            var moved = BoxRules.Clip(map.Apply(b.Box), Size, Size);
            if (moved.Width > 0 && moved.Height > 0)
            {
                into.Add(b with { Box = moved });
            }
        }
    }

    /// <summary>
    /// Blends the second image into <paramref name="output"/>: out = ⌊(out + other) / 2⌋ (the official 0.5/0.5 blend
    /// truncated to bytes). <paramref name="flipOutput"/> mirrors the output columns (the final horizontal flip).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Blend(ReadOnlySpan<byte> tile, Span<byte> output, bool flipOutput)
    {
        var inverse = TileToOutput().Inverse();
        int s = Size;
        // Per column and per row: region kind, the two tile taps and the weight (pooled: no allocation per sample).
        var bytes = ArrayPool<byte>.Shared.Rent(2 * s);
        var ints = ArrayPool<int>.Shared.Rent(4 * s);
        var floats = ArrayPool<float>.Shared.Rent(2 * s);
        try
        {
            Blend(tile, output, flipOutput, inverse, bytes, ints, floats);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<int>.Shared.Return(ints);
            ArrayPool<float>.Shared.Return(floats);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Blend(ReadOnlySpan<byte> tile, Span<byte> output, bool flipOutput, AffineMap inverse, byte[] bytes, int[] ints, float[] floats)
    {
        int s = Size;
        var colKind = bytes.AsSpan(0, s);
        var rowKind = bytes.AsSpan(s, s);
        var colTap = ints.AsSpan(0, s);
        var colNext = ints.AsSpan(s, s);
        var rowTap = ints.AsSpan(2 * s, s);
        var rowNext = ints.AsSpan(3 * s, s);
        var colWeight = floats.AsSpan(0, s);
        var rowWeight = floats.AsSpan(s, s);
        for (int o = 0; o < s; o++)
        {
            int px = flipOutput ? s - 1 - o : o;
            Taps(px, inverse.A, inverse.C, LetterboxWidth, colKind, colTap, colNext, colWeight, o);
            Taps(o, inverse.E, inverse.F, LetterboxHeight, rowKind, rowTap, rowNext, rowWeight, o);
        }
        for (int y = 0; y < s; y++)
        {
            var row = output.Slice(y * s, s);
            byte ky = rowKind[y];
            var top = tile.Slice(rowTap[y] * s, s);
            var bottom = tile.Slice(rowNext[y] * s, s);
            float fy = rowWeight[y];
            for (int x = 0; x < s; x++)
            {
                byte kind = Math.Min(ky, colKind[x]);
                int other;
                if (kind == 2)
                {
                    float fx = colWeight[x];
                    int x0 = colTap[x], x1 = colNext[x];
                    float t = top[x0] + (top[x1] - top[x0]) * fx;
                    float b = bottom[x0] + (bottom[x1] - bottom[x0]) * fx;
                    other = (int)Math.Clamp(t + (b - t) * fy + 0.5f, 0f, 255f);
                }
                else
                {
                    other = kind == 1 ? MosaicSampler.Border : 0;
                }
                row[x] = (byte)((row[x] + other) >> 1);
            }
        }
    }

    /// <summary>
    /// For output index <paramref name="p"/> on one axis: 0 outside the scaled canvas (zero padding), 1 on the canvas
    /// outside the letterboxed image (114), 2 on the image with its two tile taps and the weight of the second.
    /// </summary>
    private void Taps(int p, double scale, double offset, int letterbox, Span<byte> kind, Span<int> tap, Span<int> next, Span<float> weight, int slot)
    {
        double tileCoordinate = scale * (p + 0.5) + offset; // the pixel centre in tile coordinates
        // The letterboxed image spans [0, letterbox) and the S×S letterbox canvas (the scaled canvas before scaling)
        // spans [0, S) in letterbox coordinates (tile × letterbox / S).
        double letterboxCoordinate = tileCoordinate * letterbox / Size;
        double canvasCoordinate = letterboxCoordinate;
        tap[slot] = 0; // pooled tables: every slot is written
        next[slot] = 0;
        weight[slot] = 0;
        if (canvasCoordinate < 0 || canvasCoordinate >= Size)
        {
            kind[slot] = 0;
        }
        else if (letterboxCoordinate >= letterbox)
        {
            kind[slot] = 1;
        }
        else
        {
            kind[slot] = 2;
            double s = Math.Clamp(tileCoordinate - 0.5, 0, Size - 1);
            int i0 = Math.Min((int)s, Size - 1);
            tap[slot] = i0;
            next[slot] = Math.Min(i0 + 1, Size - 1);
            weight[slot] = (float)(s - i0);
        }
    }
}
