using HipFx.Data.Runs;
using HipFx.Training.Loop;
using ScottPlot;

namespace HipFx.Training.Reporting;

/// <summary>
/// <c>curves.png</c>: three panels side by side, drawn from <c>results.csv</c> after each epoch (so a resumed run
/// shows its whole history): the losses, the learning rate, and the validation metrics per epoch.
/// </summary>
public static class TrainingCurves
{
    public static void Render(string resultsCsv, string pngPath)
    {
        var rows = ResultsTable.Read(resultsCsv);
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Panel(multiplot.GetPlot(0), rows, "Training loss (epoch mean)", "loss",
            [("loss", "total"), ("loss_cls", "cls (QFL)"), ("loss_bbox", "bbox (GIoU)"), ("loss_dfl", "DFL")], Alignment.UpperRight);
        Panel(multiplot.GetPlot(1), rows, "Learning rate (end of epoch)", "lr", [("lr", "lr")], Alignment.UpperRight);
        Panel(multiplot.GetPlot(2), rows, "Validation (EMA model)", "value",
            [("val_ap50", "AP@0.5"), ("val_ap50_95", "AP@[.5:.95]"), ("val_macro_se", "macro Se @ tau"), ("val_macro_sp", "macro Sp @ tau")], Alignment.LowerRight);
        multiplot.GetPlot(2).Axes.SetLimitsY(0, 1);
        Core.IO.AtomicFile.WriteVia(pngPath, temporary => multiplot.SavePng(temporary, 1500, 450));
    }

    private static void Panel(Plot plot, IReadOnlyList<IReadOnlyDictionary<string, double?>> rows, string title, string yLabel,
        (string Column, string Label)[] series, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        bool any = false;
        foreach (var (column, label) in series)
        {
            var points = rows
                .Where(r => r.TryGetValue("epoch", out var e) && e is not null && r.TryGetValue(column, out var v) && v is not null)
                .Select(r => (X: r["epoch"]!.Value, Y: r[column]!.Value))
                .ToArray();
            if (points.Length == 0)
            {
                continue;
            }
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            scatter.LegendText = label;
            scatter.MarkerSize = points.Length > 40 ? 0 : 5;
            any = true;
        }
        if (any)
        {
            plot.ShowLegend(legend);
        }
        else
        {
            plot.Add.Annotation("no values yet");
        }
    }
}

/// <summary>Redraws <c>curves.png</c> after each epoch (after results.csv has its row: compose it after <see cref="ResultsCsvObserver"/>).</summary>
public sealed class CurvesObserver(RunFolder run) : TrainingObserverBase
{
    public override void EpochEnded(EpochSummary summary) => TrainingCurves.Render(run.ResultsFile, run.CurvesFile);
}
