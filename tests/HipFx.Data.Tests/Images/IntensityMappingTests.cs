using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Data.Tests.Images;

public sealed class IntensityMappingTests
{
    private static RadiographImage Image16(params ushort[] values) => new(values.Length, 1, 16, values);

    [Fact]
    public void Bit_depth_maps_full_range_and_replicates_three_channels()
    {
        var image = Image16(0, 65535, 32768);
        var planes = IntensityMapping.Default.MapToRgbPlanes(image);
        Assert.Equal(9, planes.Length);
        Assert.Equal(0f, planes[0]);
        Assert.Equal(255f, planes[1]);
        Assert.Equal(32768 * 255.0 / 65535, planes[2], 3);
        Assert.Equal(planes[..3], planes[3..6]);
        Assert.Equal(planes[..3], planes[6..9]);
    }

    [Fact]
    public void Eight_bit_passes_through_unchanged()
    {
        var image = new RadiographImage(3, 1, 8, [0, 17, 255]);
        Assert.Equal([0f, 17f, 255f], IntensityMapping.Default.MapGray(image));
    }

    [Fact]
    public void Min_max_stretches_to_the_image_range()
    {
        var mapped = new IntensityMapping { Mode = IntensityMode.MinMax }.MapGray(Image16(1000, 2000, 1500));
        Assert.Equal([0f, 255f, 127.5f], mapped);
    }

    [Fact]
    public void Window_clips_outside_values()
    {
        var mapped = new IntensityMapping { Mode = IntensityMode.Window, WindowLow = 100, WindowHigh = 355 }.MapGray(Image16(0, 100, 200, 60000));
        Assert.Equal([0f, 0f, 100f, 255f], mapped);
    }

    [Fact]
    public void Percentile_ignores_rare_extremes()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (ushort)(1000 + i)).ToList();
        values.Add(65535); // a burned-in marker
        values.Add(0);
        var mapping = new IntensityMapping { Mode = IntensityMode.Percentile, LowPercentile = 1, HighPercentile = 99 };
        var (low, high) = mapping.Range(Image16([.. values]));
        Assert.InRange(low, 1000, 1012);
        Assert.InRange(high, 1987, 1999);
        Assert.Equal("percentile(1,99)", mapping.Describe());
    }

    [Theory]
    [InlineData(IntensityMode.Percentile, 50, 50, 0, 1)]
    [InlineData(IntensityMode.Percentile, -1, 50, 0, 1)]
    [InlineData(IntensityMode.Window, 0, 100, 10, 10)]
    public void Invalid_settings_are_config_errors(IntensityMode mode, double lowP, double highP, double lowW, double highW) =>
        Assert.Throws<HipFxConfigException>(() =>
            new IntensityMapping { Mode = mode, LowPercentile = lowP, HighPercentile = highP, WindowLow = lowW, WindowHigh = highW }.Validate());

    [Fact]
    public void Mode_names_parse()
    {
        Assert.Equal(IntensityMode.MinMax, IntensityMapping.ParseMode("min_max"));
        Assert.Throws<HipFxConfigException>(() => IntensityMapping.ParseMode("gamma"));
    }
}
