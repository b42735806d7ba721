using HipFx.Data.Runs;
using HipFx.Evaluation.Plots;
using SkiaSharp;

namespace HipFx.Evaluation.Tests;

/// <summary>
/// The training curves picture: a PNG of the stated size with three panels drawn, from epochs with and without a
/// validation. HIPFX_KEEP_PLOTS=DIR keeps the picture (to look at it).
/// </summary>
public sealed class TrainingCurvesTests
{
    private static EpochResult Epoch(int e, bool validated) => new(
        e, e * 86L, 0.02 * Math.Cos(e / 8.0), 1.5 / e, 0.4 / e, 0.8 / e, 0.3 / e, 5.5, 130,
        validated ? Math.Min(0.9, 0.15 * e) : null, validated ? 0.08 * e : null, validated ? 0.7 : null, validated ? 0.9 : null, validated ? 0.3 : null);

    [Fact]
    public void Curves_are_a_png_of_the_stated_size_with_ink_in_every_panel()
    {
        var epochs = Enumerable.Range(1, 7).Select(e => Epoch(e, validated: e % 2 == 1)).ToList();
        byte[] png = TrainingCurves.Png(epochs);
        if (Environment.GetEnvironmentVariable("HIPFX_KEEP_PLOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "training-curves.png"), png);
        }
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(TrainingCurves.Width, bitmap.Width);
        Assert.Equal(TrainingCurves.Height, bitmap.Height);
        for (int panel = 0; panel < 3; panel++)
        {
            // Coloured (series) pixels in the middle band of each panel: the lines were drawn, not only the frame.
            int coloured = 0;
            for (int x = panel * bitmap.Width / 3 + 80; x < (panel + 1) * bitmap.Width / 3 - 20; x += 2)
            {
                for (int y = 60; y < bitmap.Height - 60; y += 2)
                {
                    var c = bitmap.GetPixel(x, y);
                    if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80)
                    {
                        coloured++;
                    }
                }
            }
            Assert.True(coloured > 50, $"panel {panel}: {coloured} coloured pixels");
        }
    }
}
