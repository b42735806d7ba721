using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// The 5 × 5 confusion matrix of image labels, rows = truth, columns = decision, in
/// <see cref="ClassNames.ImageLabels"/> order; <c>no_fracture</c> is a real outcome.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts = new int[ClassNames.LabelCount, ClassNames.LabelCount];

    public ConfusionMatrix()
    {
    }

    public ConfusionMatrix(IEnumerable<(ImageLabel Truth, ImageLabel Decision)> pairs)
    {
        foreach (var (t, d) in pairs)
        {
            Add(t, d);
        }
    }

    public int Total { get; private set; }

    public int this[ImageLabel truth, ImageLabel decision] => counts[(int)truth, (int)decision];

    public void Add(ImageLabel truth, ImageLabel decision)
    {
        counts[(int)truth, (int)decision]++;
        Total++;
    }

    /// <summary>Images whose truth is <paramref name="truth"/>.</summary>
    public int RowTotal(ImageLabel truth) => Enumerable.Range(0, ClassNames.LabelCount).Sum(j => counts[(int)truth, j]);

    /// <summary>One-vs-rest counts for a fracture class: TP = [c,c], FN = row c minus TP, FP = column c minus TP, TN = the rest.</summary>
    public BinaryCounts OneVsRest(FractureClass c)
    {
        int i = (int)c;
        int tp = counts[i, i];
        int row = 0, col = 0;
        for (int k = 0; k < ClassNames.LabelCount; k++)
        {
            row += counts[i, k];
            col += counts[k, i];
        }
        int fn = row - tp, fp = col - tp;
        return new BinaryCounts(tp, fp, fn, Total - tp - fn - fp);
    }
}
