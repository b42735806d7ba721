using HipFx.Data.Runs;
using ScottPlot;
using SkiaSharp;

namespace HipFx.Evaluation.Plots;

/// <summary>
/// The training curves drawn from <c>results.csv</c>: loss (epoch mean, total and parts), learning rate (end of epoch),
/// and the validation metrics of the epochs that were validated (0–1), side by side, as PNG bytes. The one picture:
/// <c>hipfx train</c> saves it as <c>curves.png</c> after each epoch, <c>hipfx report</c> embeds it.
/// </summary>
public static class TrainingCurves
{
    /// <summary>Pixel size of the picture. Default 1,500 × 450.</summary>
    public const int Width = 1500, Height = 450;

    public static byte[] Png(IReadOnlyList<EpochResult> epochs)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Panel(multiplot.GetPlot(0), epochs, "Training loss (epoch mean)", "loss", Alignment.UpperRight,
            [("total", e => e.Loss), ("cls (QFL)", e => e.LossCls), ("bbox (GIoU)", e => e.LossBbox), ("DFL", e => e.LossDfl)]);
        Panel(multiplot.GetPlot(1), epochs, "Learning rate (end of epoch)", "lr", Alignment.UpperRight, [("lr", e => e.Lr)]);
        Panel(multiplot.GetPlot(2), epochs, "Validation (EMA model)", "value", Alignment.LowerRight,
            [("AP@0.5", e => e.ValAp50), ("AP@[.5:.95]", e => e.ValAp5095), ("macro Se @ tau", e => e.ValMacroSe), ("macro Sp @ tau", e => e.ValMacroSp)]);
        multiplot.GetPlot(2).Axes.SetLimitsY(0, 1);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height)) ?? throw new InvalidOperationException("cannot create a drawing surface");
        multiplot.Render(surface);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void Panel(Plot plot, IReadOnlyList<EpochResult> epochs, string title, string yLabel, Alignment legend,
        IReadOnlyList<(string Name, Func<EpochResult, double?> Value)> series)
    {
        var palette = new ScottPlot.Palettes.Category10();
        int drawn = 0;
        for (int i = 0; i < series.Count; i++)
        {
            var points = epochs.Where(e => series[i].Value(e) is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => series[i].Value(e)!.Value).ToArray(),
                palette.GetColor(i));
            line.LegendText = series[i].Name;
            line.MarkerSize = points.Count <= 30 ? 5 : 0;
            line.LineWidth = 2;
            drawn++;
        }
        if (drawn == 0)
        {
            plot.Add.Annotation("not recorded");
        }
        plot.Title(title, size: 14);
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // epochs are whole
        plot.YLabel(yLabel);
        if (drawn > 1)
        {
            plot.ShowLegend(legend);
        }
    }
}
