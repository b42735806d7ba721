namespace HipFx.Data.Images;

/// <summary>
/// The one rule for the pixels the model sees, on the host: the radiograph's gray plane mapped to 0..255 by the
/// checkpoint's <see cref="IntensityMapping"/>, stretched to the network input size (aspect ratio not kept, as the
/// official train and test transforms do, damo-yolo-t.md section 6) by bilinear interpolation with half-pixel
/// centres and no antialiasing (the sampling of <c>torch.nn.functional.interpolate(bilinear, align_corners=False)</c>
/// and of OpenCV's <c>INTER_LINEAR</c>), then rounded to 8 bits. Radiographs are gray: one plane, replicated to
/// the three input channels only when the tensor is made. The training cache and prediction both call this, so
/// the same image gives the same bytes in both.
/// </summary>
public static class ModelInputImage
{
    /// <summary>The model input plane of <paramref name="image"/>: <paramref name="height"/>×<paramref name="width"/> bytes, row-major.</summary>
    public static byte[] Prepare(RadiographImage image, IntensityMapping mapping, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mapping);
        var output = new byte[checked(width * height)];
        PrepareInto(image, mapping, output, width, height);
        return output;
    }

    /// <summary>
    /// <see cref="Prepare"/> into <paramref name="destination"/>, without the full-size float plane: the mapping is a
    /// lookup table over the stored values, each entry computed exactly as <see cref="IntensityMapping.MapGray"/>
    /// computes a pixel, so the bytes are the same as resizing the mapped plane.
    /// </summary>
    public static void PrepareInto(RadiographImage image, IntensityMapping mapping, Span<byte> destination, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mapping);
        var table = mapping.Table(image);
        Resize(new MappedPlane(image.Pixels, table), image.Width, image.Height, destination, width, height);
    }

    /// <summary>
    /// Stretches a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> plane of 0..255 values into
    /// <paramref name="destination"/> (<paramref name="width"/>×<paramref name="height"/>), rounding to the nearest byte.
    /// </summary>
    public static void Resize(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {
        if (source.Length < (long)sourceWidth * sourceHeight)
        {
            throw new ArgumentException("a buffer is smaller than its stated size");
        }
        Resize(new FloatPlane(source), sourceWidth, sourceHeight, destination, width, height);
    }

    private interface IPlane
    {
        int Length { get; }

        float this[int index] { get; }
    }

    private readonly ref struct FloatPlane : IPlane
    {
        private readonly ReadOnlySpan<float> values;

        public FloatPlane(ReadOnlySpan<float> values) => this.values = values;

        public int Length => values.Length;

        public float this[int index] => values[index];
    }

    private readonly struct MappedPlane(ushort[] stored, float[] table) : IPlane
    {
        public int Length => stored.Length;

        public float this[int index] => table[stored[index]];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Resize<TPlane>(TPlane source, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
        where TPlane : IPlane, allows ref struct
    {
        if (sourceWidth <= 0 || sourceHeight <= 0 || width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"sizes must be positive: source {sourceWidth}×{sourceHeight}, output {width}×{height}");
        }
        if (source.Length < (long)sourceWidth * sourceHeight || destination.Length < (long)width * height)
        {
            throw new ArgumentException("a buffer is smaller than its stated size");
        }
        var (x0, x1, wx) = Taps(sourceWidth, width);
        var (y0, y1, wy) = Taps(sourceHeight, height);
        for (int y = 0; y < height; y++)
        {
            int top = y0[y] * sourceWidth;
            int bottom = y1[y] * sourceWidth;
            float fy = wy[y];
            var row = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float fx = wx[x];
                float t = source[top + x0[x]] + (source[top + x1[x]] - source[top + x0[x]]) * fx;
                float b = source[bottom + x0[x]] + (source[bottom + x1[x]] - source[bottom + x0[x]]) * fx;
                float v = t + (b - t) * fy;
                row[x] = (byte)Math.Clamp(MathF.Round(v, MidpointRounding.AwayFromZero), 0f, 255f);
            }
        }
    }

    /// <summary>For each output index, the two source indices and the weight of the second (half-pixel centres, clamped at the edges).</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(int sourceLength, int length)
    {
        var first = new int[length];
        var second = new int[length];
        var weight = new float[length];
        double scale = (double)sourceLength / length;
        for (int i = 0; i < length; i++)
        {
            double s = Math.Max(0.0, (i + 0.5) * scale - 0.5);
            int i0 = Math.Min((int)s, sourceLength - 1);
            first[i] = i0;
            second[i] = Math.Min(i0 + 1, sourceLength - 1);
            weight[i] = (float)(s - i0);
        }
        return (first, second, weight);
    }
}
