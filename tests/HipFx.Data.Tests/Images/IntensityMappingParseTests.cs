using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Data.Tests.Images;

public class IntensityMappingParseTests
{
    public static TheoryData<IntensityMapping> Mappings => new()
    {
        IntensityMapping.Default,
        new IntensityMapping { Mode = IntensityMode.MinMax },
        new IntensityMapping { Mode = IntensityMode.Percentile, LowPercentile = 1.25, HighPercentile = 98.75 },
        new IntensityMapping { Mode = IntensityMode.Window, WindowLow = -1000, WindowHigh = 4095.5 },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Parse_reads_back_what_Describe_writes(IntensityMapping mapping)
    {
        Assert.Equal(mapping, IntensityMapping.Parse(mapping.Describe()));
    }

    [Fact]
    public void The_unrecorded_name_of_imported_checkpoints_means_bit_depth()
    {
        Assert.Equal(IntensityMapping.Default, IntensityMapping.Parse(IntensityMapping.UnrecordedName));
    }

    [Theory]
    [InlineData("gamma")]
    [InlineData("window")]
    [InlineData("percentile(5)")]
    [InlineData("window(1,x)")]
    [InlineData("percentile(90,10)")]
    [InlineData("")]
    public void Anything_else_is_an_error_not_a_default(string text)
    {
        Assert.False(IntensityMapping.TryParse(text, out _, out string error));
        Assert.NotEmpty(error);
        Assert.Throws<HipFxConfigException>(() => IntensityMapping.Parse(text));
    }
}
