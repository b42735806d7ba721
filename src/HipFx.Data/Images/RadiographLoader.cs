using HipFx.Core;
using HipFx.Data.Dicom;
using HipFx.Data.Files;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Images;

/// <summary>
/// Loads PNG (8- and 16-bit, gray or colour), JPEG and DICOM radiographs into <see cref="RadiographImage"/> without
/// losing bit depth. DICOM (*.dcm, *.dicom, *.dic) goes through <see cref="DicomReader"/> and is rendered as
/// <c>hipfx convert</c> renders it by default (16-bit gray after the modality LUT, MONOCHROME1 inverted, frame 0),
/// so a model sees the same pixels whether it is given the DICOM or the converted PNG. The header is read first: sizes over <see cref="ImageLoadOptions.MaxPixels"/> are refused before
/// decoding. A file that ends early (a PNG without IEND, a JPEG without its end-of-image marker) is refused rather than
/// decoded into a silently gray-filled image. Every failure is a <see cref="HipFxDataException"/> naming the file.
/// </summary>
public static class RadiographLoader
{
    // Declared before Extensions, which uses it (static fields initialise in textual order).
    private static readonly string[] DicomExtensions = [".dcm", ".dicom", ".dic"];

    /// <summary>File extensions the loader accepts (lower case, with the dot).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", .. DicomExtensions];

    /// <summary>True when <paramref name="path"/> has an image extension the loader reads.</summary>
    public static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>True when <paramref name="path"/> has a DICOM extension.</summary>
    public static bool IsDicom(string path) =>
        DicomExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Reads the header (size, depth, EXIF orientation) and checks the file is complete and within limits.</summary>
    public static ImageHeader ReadHeader(string path, ImageLoadOptions? options = null)
    {
        options ??= ImageLoadOptions.Default;
        options.Validate();
        long length = CheckFile(path, options);
        return IsDicom(path) ? DicomHeader(path, DicomReader.Read(path), options) : RasterHeader(path, length, options);
    }

    /// <summary>Decodes <paramref name="path"/> at its bit depth.</summary>
    public static RadiographImage Load(string path, ImageLoadOptions? options = null) => LoadWithHeader(path, options).Image;

    /// <summary>Decodes <paramref name="path"/> at its bit depth and returns its header too (what
    /// <see cref="ReadHeader"/> gives), reading a DICOM file only once.</summary>
    public static (ImageHeader Header, RadiographImage Image) LoadWithHeader(string path, ImageLoadOptions? options = null)
    {
        options ??= ImageLoadOptions.Default;
        options.Validate();
        long length = CheckFile(path, options);
        if (IsDicom(path))
        {
            return LoadDicom(path, options);
        }
        var header = RasterHeader(path, length, options);
        try
        {
            return (header, header.BitDepth == 16 ? Load16(path) : Load8(path));
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new HipFxDataException($"corrupt image data: {e.Message}", path, inner: e);
        }
    }

    /// <summary>The file's length, after checking it exists and is within the size limit.</summary>
    private static long CheckFile(string path, ImageLoadOptions options)
    {
        // Only a regular file is opened: a FIFO or a device named like an image is refused, not waited on.
        InputFile.EnsureRegular(path, "image");
        var file = new FileInfo(path);
        if (file.Length > options.MaxFileBytes)
        {
            throw new HipFxDataException($"image file is {file.Length} bytes, over the limit of {options.MaxFileBytes}", path);
        }
        return file.Length;
    }

    private static ImageHeader RasterHeader(string path, long length, ImageLoadOptions options)
    {
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
        WithinLimits(header, options);
        CheckComplete(path, header.Format, length);
        return header;
    }

    private static ImageHeader WithinLimits(ImageHeader header, ImageLoadOptions options)
    {
        if (header.PixelCount > options.MaxPixels)
        {
            throw new HipFxDataException(
                $"image is {header.Width} x {header.Height} = {header.PixelCount} pixels, over the limit of {options.MaxPixels} " +
                "(a decompression bomb or a wrong file; raise the pixel limit if it is a real radiograph)", header.Path);
        }
        return header;
    }

    /// <summary>The header of a parsed DICOM file: grayscale only, within the pixel limit (checked before any decoding).</summary>
    private static ImageHeader DicomHeader(string path, DicomFile dicom, ImageLoadOptions options)
    {
        var d = dicom.Image.Description;
        if (!d.IsMonochrome)
        {
            throw new HipFxDataException($"a {d.PhotometricText} DICOM image is not a grayscale radiograph", path, "(0028,0004)");
        }
        return WithinLimits(new ImageHeader(path, "dicom", d.Columns, d.Rows, 16, IsGrayscale: true, ExifOrientation: null), options);
    }

    /// <summary>Reads and parses a DICOM file once, checks its header, then renders frame 0 to 16-bit gray.</summary>
    private static (ImageHeader Header, RadiographImage Image) LoadDicom(string path, ImageLoadOptions options)
    {
        var dicom = DicomReader.Read(path);
        var header = DicomHeader(path, dicom, options);
        return (header, new RadiographImage(header.Width, header.Height, 16, dicom.Image.ReadGray16(0), path));
    }

    private static RadiographImage Load8(string path) => Decode<L8>(path, 8, p => p.PackedValue);

    private static RadiographImage Load16(string path) => Decode<L16>(path, 16, p => p.PackedValue);

    /// <summary>Decodes to one gray channel of <typeparamref name="TPixel"/> and copies its samples out unscaled.</summary>
    private static RadiographImage Decode<TPixel>(string path, int bitDepth, Func<TPixel, ushort> sample)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        using var image = Image.Load<TPixel>(path);
        var pixels = new ushort[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                int offset = y * rows.Width;
                for (int x = 0; x < row.Length; x++)
                {
                    pixels[offset + x] = sample(row[x]);
                }
            }
        });
        return new RadiographImage(image.Width, image.Height, bitDepth, pixels, path);
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
