using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using HipFx.Core.IO;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Writes rendered pixels as PNG (16-bit gray, 8-bit gray or 8-bit RGB), resized with ImageSharp's bicubic
/// resampler to a maximum side if asked, through a temporary file renamed into place, so a killed run never
/// leaves a partial PNG.</summary>
internal static class PngOutput
{
    public static void WriteGray16(string path, ushort[] pixels, int width, int height, int? maxSize, int level) =>
        Write<L16, ushort>(path, pixels, width, height, maxSize, level, bitDepth: 16, colorType: 0);

    public static void WriteGray8(string path, byte[] pixels, int width, int height, int? maxSize, int level) =>
        Write<L8, byte>(path, pixels, width, height, maxSize, level, bitDepth: 8, colorType: 0);

    public static void WriteRgb8(string path, byte[] pixels, int width, int height, int? maxSize, int level) =>
        Write<Rgb24, byte>(path, pixels, width, height, maxSize, level, bitDepth: 8, colorType: 2);

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

    private static void Write<TPixel, TSample>(string path, TSample[] samples, int width, int height, int? maxSize, int level, int bitDepth, int colorType)
        where TPixel : unmanaged, IPixel<TPixel>
        where TSample : unmanaged
    {
        var (outWidth, outHeight) = Fit(width, height, maxSize);
        TPixel[]? resized = null;
        if (outWidth != width || outHeight != height)
        {
            using var image = Image.LoadPixelData<TPixel>(MemoryMarshal.Cast<TSample, TPixel>(samples.AsSpan()), width, height);
            image.Mutate(x => x.Resize(outWidth, outHeight, KnownResamplers.Bicubic));
            resized = new TPixel[outWidth * outHeight];
            image.CopyPixelDataTo(resized);
        }
        AtomicFile.Write(path, file =>
        {
            var bytes = resized is null ? MemoryMarshal.AsBytes(samples.AsSpan()) : MemoryMarshal.AsBytes(resized.AsSpan());
            PngWriter.Write(file, bytes, outWidth, outHeight, bitDepth, colorType, level);
        });
    }
}
