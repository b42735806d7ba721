using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Writes rendered pixels as PNG (16-bit gray, 8-bit gray or 8-bit RGB), resized to a maximum side if
/// asked, through a temporary file that is renamed into place, so a killed run never leaves a partial PNG.</summary>
internal static class PngOutput
{
    public static void WriteGray16(string path, ushort[] pixels, int width, int height, int? maxSize, int compression)
    {
        using var image = Image.LoadPixelData<L16>(MemoryMarshal.Cast<ushort, L16>(pixels.AsSpan()), width, height);
        Save(image, path, maxSize, PngBitDepth.Bit16, PngColorType.Grayscale, compression);
    }

    public static void WriteGray8(string path, byte[] pixels, int width, int height, int? maxSize, int compression)
    {
        using var image = Image.LoadPixelData<L8>(pixels, width, height);
        Save(image, path, maxSize, PngBitDepth.Bit8, PngColorType.Grayscale, compression);
    }

    public static void WriteRgb8(string path, byte[] pixels, int width, int height, int? maxSize, int compression)
    {
        using var image = Image.LoadPixelData<Rgb24>(pixels, width, height);
        Save(image, path, maxSize, PngBitDepth.Bit8, PngColorType.Rgb, compression);
    }

    /// <summary>The size after fitting the longest side into <paramref name="maxSize"/> (never enlarged).</summary>
    public static (int Width, int Height) Fit(int width, int height, int? maxSize)
    {
        if (maxSize is not { } max || Math.Max(width, height) <= max)
        {
            return (width, height);
        }
        var scale = (double)max / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static void Save<TPixel>(Image<TPixel> image, string path, int? maxSize, PngBitDepth depth, PngColorType color, int compression)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var (width, height) = Fit(image.Width, image.Height, maxSize);
        if (width != image.Width || height != image.Height)
        {
            image.Mutate(x => x.Resize(width, height, KnownResamplers.Bicubic));
        }
        var encoder = new PngEncoder
        {
            BitDepth = depth,
            ColorType = color,
            CompressionLevel = (PngCompressionLevel)compression,
            FilterMethod = compression <= 1 ? PngFilterMethod.Up : PngFilterMethod.Adaptive,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            image.Save(temporary, encoder);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
