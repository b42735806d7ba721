using ScottPlot;
using SkiaSharp;

namespace HipFx.Evaluation.Report;

/// <summary>
/// The training curves drawn from <c>results.csv</c>: loss (total and parts), learning rate, and the validation
/// metrics of the epochs that were validated, side by side, as PNG bytes.
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
        Panel(multiplot.GetPlot(0), epochs, "Training loss", "loss", Alignment.UpperRight,
            [("loss", e => e.Loss), ("cls", e => e.LossCls), ("bbox", e => e.LossBbox), ("dfl", e => e.LossDfl)]);
        Panel(multiplot.GetPlot(1), epochs, "Learning rate", "lr", Alignment.UpperRight, [("lr", e => e.Lr)]);
        Panel(multiplot.GetPlot(2), epochs, "Validation", "value", Alignment.LowerRight,
            [("AP@0.5", e => e.ValAp50), ("AP@[.5:.95]", e => e.ValAp5095), ("macro Se", e => e.ValMacroSe), ("macro Sp", e => e.ValMacroSp)]);
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
        plot.YLabel(yLabel);
        if (drawn > 1)
        {
            plot.ShowLegend(legend);
        }
    }
}
