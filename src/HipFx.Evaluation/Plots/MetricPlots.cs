using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using ScottPlot;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Plots;

/// <summary>The evaluation's charts (ScottPlot): the confusion matrix heatmap and the PR curves.</summary>
public static class MetricPlots
{
    /// <summary>
    /// 5 × 5 heatmap, truth on rows (top to bottom DF, VF, SF, UF, No), decision on columns; each cell shows
    /// its count and its share of the row, coloured by that share.
    /// </summary>
    public static void ConfusionMatrix(string path, ConfusionMatrix m, string title)
    {
        var plot = new Plot();
        var labels = ClassNames.ImageLabels;
        int n = labels.Count;
        var cmap = new ScottPlot.Colormaps.Blues();
        for (int i = 0; i < n; i++)
        {
            int rowTotal = m.RowTotal(labels[i]);
            for (int j = 0; j < n; j++)
            {
                int count = m[labels[i], labels[j]];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                double y = n - 1 - i;
                var rect = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = cmap.GetColor(0.95 - 0.85 * share); // Blues runs dark to light: dark = large share
                rect.LineColor = Colors.White;
                rect.LineWidth = 1;
                string text = rowTotal == 0 ? count.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{count}\n{share:P0}");
                var t = plot.Add.Text(text, j, y);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = 16;
                t.LabelFontColor = share > 0.55 ? Colors.White : Colors.Black;
                t.LabelBold = i == j;
            }
        }
        double[] pos = Enumerable.Range(0, n).Select(k => (double)k).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(pos, labels.Select(l => l.PaperName()).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(pos, labels.Reverse().Select(l => l.PaperName()).ToArray());
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.XLabel("Decision");
        plot.YLabel("Truth");
        plot.Title(title);
        AtomicFile.WriteVia(path, p => plot.SavePng(p, 640, 600));
    }

    /// <summary>Precision–recall curves at IoU 0.5 (pycocotools' interpolated precision at 101 recall points), one line per class with ground truth.</summary>
    public static void PrecisionRecall(string path, CocoSummary coco, string title)
    {
        var plot = new Plot();
        var recall = CocoThresholds.Recall.ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        LinePattern[] patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
        foreach (var ap in coco.PerClass.Where(p => p.Defined))
        {
            var line = plot.Add.ScatterLine(recall, ap.PrecisionAt50.ToArray());
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{ap.Class.Name()} AP@0.5={ap.Ap50:0.000}");
            line.LineWidth = 2;
            line.Color = palette.GetColor((int)ap.Class);
            line.LinePattern = patterns[(int)ap.Class]; // identical curves stay visible
        }
        var undefined = coco.PerClass.Where(p => !p.Defined).Select(p => p.Class.Name()).ToList();
        if (undefined.Count > 0)
        {
            plot.Add.Annotation($"no ground truth (AP n/a): {string.Join(", ", undefined)}", Alignment.UpperRight);
        }
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.XLabel("Recall");
        plot.YLabel("Precision");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerLeft);
        AtomicFile.WriteVia(path, p => plot.SavePng(p, 720, 540));
    }
}
