namespace HipFx.Data.Images;

/// <summary>
/// A decoded grayscale radiograph at its full bit depth: row-major samples, 0 to <see cref="MaxValue"/>.
/// 8-bit files keep values 0..255 and 16-bit files 0..65535 (nothing is rescaled here; see <see cref="IntensityMapping"/>).
/// Colour files (RGB JPEGs of gray radiographs) are converted to luminance.
/// </summary>
public sealed class RadiographImage
{
    public RadiographImage(int width, int height, int bitDepth, ushort[] pixels, string? sourcePath = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (bitDepth is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "bit depth must be 8 or 16");
        }
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"{pixels.Length} pixels given for a {width} x {height} image", nameof(pixels));
        }
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Pixels = pixels;
        SourcePath = sourcePath;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    /// <summary>Largest representable sample: 255 or 65535.</summary>
    public int MaxValue => (1 << BitDepth) - 1;

    /// <summary>Row-major samples, <c>Pixels[y * Width + x]</c>.</summary>
    public ushort[] Pixels { get; }

    /// <summary>The file it came from, when it did.</summary>
    public string? SourcePath { get; }

    public ushort this[int x, int y] => Pixels[(y * Width) + x];
}
