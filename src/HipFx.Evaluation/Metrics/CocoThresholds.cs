namespace HipFx.Evaluation.Metrics;

/// <summary>
/// pycocotools' default thresholds, computed the way <c>numpy.linspace</c> computes them
/// (i · step + start, last = stop), so that recall steps compare exactly as they do in Python:
/// IoU 0.50:0.05:0.95 (10 values) and recall 0:0.01:1 (101 values).
/// </summary>
public static class CocoThresholds
{
    public static IReadOnlyList<double> Iou { get; } = Linspace(0.5, 0.95, 10);

    public static IReadOnlyList<double> Recall { get; } = Linspace(0.0, 1.0, 101);

    /// <summary>pycocotools' <c>maxDets</c> for the AP it reports: 100 detections per image and class.</summary>
    public const int MaxDetections = 100;

    private static double[] Linspace(double start, double stop, int num)
    {
        double step = (stop - start) / (num - 1);
        var y = new double[num];
        for (int i = 0; i < num; i++)
        {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }
}
