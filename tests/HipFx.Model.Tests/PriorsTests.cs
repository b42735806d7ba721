using HipFx.Model.Head;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class PriorsTests : TorchTest
{
    [Theory]
    [InlineData(1024, 1024, 21504)]
    [InlineData(640, 640, 8400)]
    [InlineData(320, 320, 2100)]
    [InlineData(256, 384, 2016)]
    public void Prior_counts_match_the_spec(int height, int width, long expected)
    {
        Assert.Equal(expected, Priors.Count(height, width));
        using var p = Priors.Generate(height, width);
        Assert.Equal([expected, 4L], p.shape);
    }

    [Fact]
    public void Priors_sit_at_cell_top_left_corners_level_by_level_row_major()
    {
        using var p = Priors.Generate(64, 96); // levels 8×12, 4×6, 2×3
        var v = p.data<float>().ToArray();
        float[] Row(int i) => v[(4 * i)..(4 * i + 4)];
        Assert.Equal([0f, 0, 8, 8], Row(0));
        Assert.Equal([8f, 0, 8, 8], Row(1));             // x moves first (row-major)
        Assert.Equal([0f, 8, 8, 8], Row(12));            // next row
        Assert.Equal([88f, 56, 8, 8], Row(95));          // last cell of level 0: col 11, row 7
        Assert.Equal([0f, 0, 16, 16], Row(96));          // level 1 starts at the origin
        Assert.Equal([80f, 48, 16, 16], Row(96 + 23));
        Assert.Equal([64f, 32, 32, 32], Row(96 + 24 + 5));
    }
}
