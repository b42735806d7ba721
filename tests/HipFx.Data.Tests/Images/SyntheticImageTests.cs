using System.Buffers.Binary;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Images;

/// <summary>Generated PNG/JPEG files: bit depth kept, broken files refused with the file named.</summary>
public sealed class SyntheticImageTests
{
    private static ushort Ramp(int x, int y) => (ushort)((x * 4099) + (y * 257) + 3);

    private static string Write16BitPng(TempFolder temp, string name, int width = 40, int height = 30)
    {
        using var image = new Image<L16>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new L16(Ramp(x, y));
            }
        }
        string path = temp.File(name);
        image.SaveAsPng(path, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Grayscale });
        return path;
    }

    [Fact]
    public void Png_16bit_keeps_every_sample_exactly()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Write16BitPng(temp, "a.png");
        var image = RadiographLoader.Load(path);
        Assert.Equal((40, 30, 16, 65535), (image.Width, image.Height, image.BitDepth, image.MaxValue));
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                Assert.Equal(Ramp(x, y), image[x, y]);
            }
        }
        Assert.True(RadiographLoader.ReadHeader(path).IsGrayscale);
    }

    [Fact]
    public void Png_8bit_keeps_values_0_to_255()
    {
        using var temp = RepoPaths.NewTempFolder();
        using (var source = new Image<L8>(16, 16))
        {
            for (int i = 0; i < 256; i++)
            {
                source[i % 16, i / 16] = new L8((byte)i);
            }
            source.SaveAsPng(temp.File("b.png"), new PngEncoder { BitDepth = PngBitDepth.Bit8, ColorType = PngColorType.Grayscale });
        }
        var image = RadiographLoader.Load(temp.File("b.png"));
        Assert.Equal(8, image.BitDepth);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (ushort)i), image.Pixels);
    }

    [Fact]
    public void Truncated_png_is_refused_naming_the_file()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Write16BitPng(temp, "t.png", 200, 200);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated PNG", error.Message);
    }

    [Fact]
    public void Garbage_and_empty_files_are_refused_naming_the_file()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllBytes(temp.File("g.png"), [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))]);
        File.WriteAllBytes(temp.File("e.jpg"), []);
        foreach (var name in new[] { "g.png", "e.jpg" })
        {
            var error = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(temp.File(name)));
            Assert.Equal(temp.File(name), error.FilePath);
        }
        Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(temp.File("missing.png")));
    }

    [Fact]
    public void Corrupt_png_data_with_intact_ends_is_refused()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Write16BitPng(temp, "c.png", 100, 100);
        var bytes = File.ReadAllBytes(path);
        for (int i = 60; i < bytes.Length - 20; i++)
        {
            bytes[i] ^= 0x5A; // scramble the compressed data (and its CRCs), keep signature, IHDR and IEND
        }
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Decompression_bomb_header_is_refused_before_decoding()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Write16BitPng(temp, "bomb.png", 8, 8);
        var bytes = File.ReadAllBytes(path);
        // IHDR data starts at byte 16: width, height (big-endian). Claim 60000 x 60000 and fix the chunk CRC.
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 60000);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 60000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
        Assert.Contains("60000 x 60000", error.Message);
        Assert.Contains("over the limit", error.Message);

        string small = Write16BitPng(temp, "small.png", 20, 20);
        Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(small, new ImageLoadOptions { MaxPixels = 399 }));
        Assert.Equal(400, RadiographLoader.Load(small, new ImageLoadOptions { MaxPixels = 400 }).Pixels.Length);
    }

    [Fact]
    public void Rgb_jpeg_loads_as_8bit_luminance_and_exif_orientation_is_reported()
    {
        using var temp = RepoPaths.NewTempFolder();
        using (var source = new Image<Rgb24>(32, 24, new Rgb24(120, 120, 120)))
        {
            source.Metadata.ExifProfile = new ExifProfile();
            source.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            source.SaveAsJpeg(temp.File("r.jpg"));
        }
        var header = RadiographLoader.ReadHeader(temp.File("r.jpg"));
        Assert.Equal((6, true), (header.ExifOrientation, header.HasNonTrivialOrientation));
        var image = RadiographLoader.Load(temp.File("r.jpg"));
        Assert.Equal((32, 24, 8), (image.Width, image.Height, image.BitDepth)); // not rotated
        Assert.All(image.Pixels, p => Assert.InRange(p, 115, 125));
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
