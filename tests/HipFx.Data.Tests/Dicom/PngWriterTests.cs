using System.Runtime.InteropServices;
using HipFx.Data.Dicom.Conversion;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Dicom;

/// <summary>Our PNG encoder's output, read back by ImageSharp (an independent decoder), is pixel-exact.</summary>
public sealed class PngWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Gray16_round_trips_through_imagesharp_across_several_idat_chunks(int level)
    {
        const int width = 701, height = 903; // 1.27 MB of samples: more than one 1 MiB IDAT chunk
        var random = new Random(7);
        var pixels = new ushort[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)(i % width * 90 + random.Next(0, 300));
        }
        using var stream = new MemoryStream();
        PngWriter.Write(stream, MemoryMarshal.AsBytes(pixels.AsSpan()), width, height, 16, 0, level);
        stream.Position = 0;
        using var image = Image.Load<L16>(stream);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        var decoded = new L16[pixels.Length];
        image.CopyPixelDataTo(decoded);
        Assert.Equal(pixels, decoded.Select(p => p.PackedValue));
    }

    [Fact]
    public void Gray8_and_rgb8_round_trip()
    {
        var gray = Enumerable.Range(0, 40 * 30).Select(i => (byte)(i * 7)).ToArray();
        var rgb = Enumerable.Range(0, 40 * 30 * 3).Select(i => (byte)(i * 13)).ToArray();
        using var grayStream = new MemoryStream();
        using var rgbStream = new MemoryStream();
        PngWriter.Write(grayStream, gray, 40, 30, 8, 0, 1);
        PngWriter.Write(rgbStream, rgb, 40, 30, 8, 2, 1);
        grayStream.Position = rgbStream.Position = 0;
        using var grayImage = Image.Load<L8>(grayStream);
        using var rgbImage = Image.Load<Rgb24>(rgbStream);
        var grayBack = new L8[gray.Length];
        var rgbBack = new Rgb24[gray.Length];
        grayImage.CopyPixelDataTo(grayBack);
        rgbImage.CopyPixelDataTo(rgbBack);
        Assert.Equal(gray, grayBack.Select(p => p.PackedValue));
        Assert.Equal(rgb, rgbBack.SelectMany(p => new[] { p.R, p.G, p.B }));
    }

    [Fact]
    public void A_wrong_buffer_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PngWriter.Write(Stream.Null, new byte[10], 4, 4, 8, 0, 1));
    }
}
