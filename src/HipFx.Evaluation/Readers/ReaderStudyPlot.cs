using HipFx.Evaluation.Statistics;
using ScottPlot;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// The reader-study picture: per reader, sensitivity and specificity by phase (points coloured by phase with
/// their interval, the model as a grey diamond). Top row: micro averages with Wilson 95% intervals; bottom row: macro averages.
/// </summary>
public static class ReaderStudyPlot
{
    /// <summary>Pixel size of the saved PNG. Default 1,400 × 900.</summary>
    public const int Width = 1400, Height = 900;

    private static readonly Color[] PhaseColors =
    [
        Color.FromHex("#9ecae1"), Color.FromHex("#4292c6"), Color.FromHex("#e6550d"),
    ];

    private static readonly Color ModelColor = Color.FromHex("#737373");

    /// <summary>Draws the picture and saves it as PNG at <paramref name="path"/>.</summary>
    public static void Save(ReaderStudyResult result, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        Panel(multiplot.GetPlot(0), result, "Micro sensitivity (4 fracture classes)", m => m.Micro.Sensitivity);
        multiplot.GetPlot(1).ShowLegend(Edge.Right); // outside the data: never hides a point or an interval
        Panel(multiplot.GetPlot(1), result, "Micro specificity (4 fracture classes)", m => m.Micro.Specificity);
        Panel(multiplot.GetPlot(2), result, "Macro sensitivity (mean of 4 classes)", m => Point(m.MacroSensitivity));
        Panel(multiplot.GetPlot(3), result, "Macro specificity (mean of 4 classes)", m => Point(m.MacroSpecificity));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        AtomicFile.WriteVia(path, p => multiplot.SavePng(p, Width, Height));
    }

    /// <summary>A value without an interval, drawn as a bar only.</summary>
    private static (double Value, double Lower, double Upper) Point(double value) => (value, double.NaN, double.NaN);

    private static (double, double, double) Point(Proportion p) => (p.Value, p.Lower, p.Upper);

    private static void Panel(Plot plot, ReaderStudyResult result, string title, Func<ReaderMetrics, Proportion> value) =>
        Panel(plot, result, title, m => Point(value(m)));

    private static void Panel(
        Plot plot, ReaderStudyResult result, string title, Func<ReaderMetrics, (double Value, double Lower, double Upper)> value)
    {
        var phases = result.Study.Phases;
        const double slot = 0.22;
        var groups = result.Study.Readers.ToList();
        var ticks = new List<(double, string)>();
        var intervals = new List<(double X, double Lower, double Upper)>();
        var lows = new List<double>();

        for (int p = 0; p < phases.Count; p++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int g = 0; g < groups.Count; g++)
            {
                var (v, lo, hi) = value(result.Of(groups[g], phases[p]));
                double x = g + (p - (phases.Count - 1) / 2.0) * slot;
                xs.Add(x);
                ys.Add(v);
                intervals.Add((x, lo, hi));
                lows.Add(double.IsNaN(lo) ? v : lo);
            }
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), PhaseColors[(int)phases[p] - 1]);
            points.MarkerSize = 11;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.LegendText = $"phase {phases[p].Name()}";
        }
        for (int g = 0; g < groups.Count; g++)
        {
            ticks.Add((g, groups[g]));
        }
        if (result.Model is { } model)
        {
            double x = groups.Count;
            var (v, lo, hi) = value(model);
            var point = plot.Add.ScatterPoints(new[] { x }, new[] { v }, ModelColor);
            point.MarkerSize = 12;
            point.MarkerShape = MarkerShape.FilledDiamond;
            point.LegendText = $"{model.Reader} (model)";
            intervals.Add((x, lo, hi));
            lows.Add(double.IsNaN(lo) ? v : lo);
            ticks.Add((x, model.Reader));
        }
        foreach (var (x, lo, hi) in intervals.Where(i => !double.IsNaN(i.Lower)))
        {
            var line = plot.Add.Line(x, lo, x, hi);
            line.LineWidth = 1.5f;
            line.LineColor = Colors.Black;
            line.MarkerSize = 0;
            foreach (double y in new[] { lo, hi })
            {
                var cap = plot.Add.Line(x - slot * 0.2, y, x + slot * 0.2, y);
                cap.LineWidth = 1.5f;
                cap.LineColor = Colors.Black;
                cap.MarkerSize = 0;
            }
        }

        plot.Title(title, size: 14);
        plot.Axes.Bottom.SetTicks(ticks.Select(t => t.Item1).ToArray(), ticks.Select(t => t.Item2).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        double floor = lows.Where(l => !double.IsNaN(l)).DefaultIfEmpty(0).Min();
        double bottom = Math.Max(0, Math.Floor((floor - 0.05) * 10) / 10);
        plot.Axes.SetLimits(-0.6, ticks.Count - 0.4, bottom, 1.01);
                plot.HideLegend();
    }
}
