using HipFx.Data.Images;

namespace HipFx.Data.Tests.Images;

/// <summary>The cache's lookup-table path gives the same bytes as resizing the mapped float plane.</summary>
public sealed class ModelInputLookupTests
{
    [Theory]
    [InlineData(16, IntensityMode.BitDepth, 301, 257, 128, 96)]
    [InlineData(16, IntensityMode.Percentile, 250, 300, 64, 64)]
    [InlineData(16, IntensityMode.MinMax, 90, 70, 128, 160)]
    [InlineData(16, IntensityMode.Window, 120, 100, 64, 32)]
    [InlineData(8, IntensityMode.BitDepth, 77, 91, 64, 64)]
    public void Lookup_path_matches_the_float_plane(int bits, IntensityMode mode, int width, int height, int outWidth, int outHeight)
    {
        var random = new Random(5);
        var pixels = new ushort[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (ushort)random.Next(bits == 8 ? 256 : 65536);
        }
        var image = new RadiographImage(width, height, bits, pixels);
        var mapping = new IntensityMapping { Mode = mode, WindowLow = 1000, WindowHigh = 40000 };
        var expected = new byte[outWidth * outHeight];
        ModelInputImage.Resize(mapping.MapGray(image), width, height, expected, outWidth, outHeight);
        Assert.Equal(expected, ModelInputImage.Prepare(image, mapping, outWidth, outHeight));
    }
}
