using HipFx.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Images;

/// <summary>
/// Loads PNG (8- and 16-bit, gray or colour) and JPEG radiographs into <see cref="RadiographImage"/> without losing
/// bit depth. The header is read first: sizes over <see cref="ImageLoadOptions.MaxPixels"/> are refused before
/// decoding. A file that ends early (a PNG without IEND, a JPEG without its end-of-image marker) is refused rather than
/// decoded into a silently gray-filled image. Every failure is a <see cref="HipFxDataException"/> naming the file.
/// </summary>
public static class RadiographLoader
{
    /// <summary>File extensions the loader accepts (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg"];

    /// <summary>True when <paramref name="path"/> has an image extension the loader reads.</summary>
    public static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Reads the header (size, depth, EXIF orientation) and checks the file is complete and within limits.</summary>
    public static ImageHeader ReadHeader(string path, ImageLoadOptions? options = null)
    {
        options ??= ImageLoadOptions.Default;
        options.Validate();
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new HipFxDataException("image not found", path);
        }
        if (file.Length > options.MaxFileBytes)
        {
            throw new HipFxDataException($"image file is {file.Length} bytes, over the limit of {options.MaxFileBytes}", path);
        }
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(Configuration.Default, path, out format);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new HipFxDataException($"corrupt or unreadable image header: {e.Message}", path, inner: e);
        }
        if (info is null || format is null)
        {
            throw new HipFxDataException("not a PNG or JPEG image (unknown format)", path);
        }
        var header = format switch
        {
            PngFormat => PngHeader(path, info),
            JpegFormat => JpegHeader(path, info),
            _ => throw new HipFxDataException($"{format.Name} images are not supported; convert to PNG", path),
        };
        if (header.PixelCount > options.MaxPixels)
        {
            throw new HipFxDataException(
                $"image is {header.Width} x {header.Height} = {header.PixelCount} pixels, over the limit of {options.MaxPixels} " +
                "(a decompression bomb or a wrong file; raise the pixel limit if it is a real radiograph)", path);
        }
        CheckComplete(path, header.Format, file.Length);
        return header;
    }

    /// <summary>Decodes <paramref name="path"/> at its bit depth.</summary>
    public static RadiographImage Load(string path, ImageLoadOptions? options = null)
    {
        var header = ReadHeader(path, options);
        try
        {
            return header.BitDepth == 16 ? Load16(path) : Load8(path);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new HipFxDataException($"corrupt image data: {e.Message}", path, inner: e);
        }
    }

    private static RadiographImage Load8(string path)
    {
        using var image = Image.Load<L8>(path);
        var pixels = new ushort[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * rows.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    pixels[offset + x] = row[x].PackedValue;
                }
            }
        });
        return new RadiographImage(image.Width, image.Height, 8, pixels, path);
    }

    private static RadiographImage Load16(string path)
    {
        using var image = Image.Load<L16>(path);
        var pixels = new ushort[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * rows.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    pixels[offset + x] = row[x].PackedValue;
                }
            }
        });
        return new RadiographImage(image.Width, image.Height, 16, pixels, path);
    }

    private static ImageHeader PngHeader(string path, IImageInfo info)
    {
        var png = info.Metadata.GetPngMetadata();
        int depth = png.BitDepth == PngBitDepth.Bit16 ? 16 : 8;
        bool gray = png.ColorType is PngColorType.Grayscale or PngColorType.GrayscaleWithAlpha;
        return new ImageHeader(path, "png", info.Width, info.Height, depth, gray, Orientation(info));
    }

    private static ImageHeader JpegHeader(string path, IImageInfo info)
    {
        var jpeg = info.Metadata.GetJpegMetadata();
        bool gray = jpeg.ColorType == JpegColorType.Luminance;
        return new ImageHeader(path, "jpeg", info.Width, info.Height, 8, gray, Orientation(info));
    }

    private static int? Orientation(IImageInfo info)
    {
        var value = info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation);
        return value is null ? null : value.Value;
    }

    /// <summary>
    /// ImageSharp decodes a file that ends early into an image padded with gray; a radiograph must be complete.
    /// PNG: the last chunk must be IEND. JPEG: the end-of-image marker FF D9 must be in the last bytes
    /// (FF D9 cannot occur inside entropy-coded data, where FF is always followed by 00 or a restart marker).
    /// </summary>
    private static void CheckComplete(string path, string format, long length)
    {
        int tailLength = (int)Math.Min(length, 64);
        var tail = new byte[tailLength];
        using (var stream = File.OpenRead(path))
        {
            stream.Seek(-tailLength, SeekOrigin.End);
            stream.ReadExactly(tail);
        }
        if (format == "png")
        {
            ReadOnlySpan<byte> iend = [0x49, 0x45, 0x4E, 0x44];
            if (tail.Length < 12 || !tail.AsSpan(tail.Length - 8, 4).SequenceEqual(iend))
            {
                throw new HipFxDataException("truncated PNG: the file does not end with an IEND chunk", path);
            }
        }
        else if (tail.AsSpan().IndexOf([(byte)0xFF, (byte)0xD9]) < 0)
        {
            throw new HipFxDataException(
                "truncated JPEG: no end-of-image marker (FF D9) at the end of the file; the scan data is incomplete", path);
        }
    }

    private static bool IsDecodeFailure(Exception e) =>
        e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException
            or NotSupportedException or InvalidDataException or EndOfStreamException or IOException
            or IndexOutOfRangeException or ArgumentException;
}
