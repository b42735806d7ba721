using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// One-vs-rest counts for one class (SPEC.md "Metrics"): accuracy (TP+TN)/N, sensitivity TP/(TP+FN),
/// specificity TN/(TN+FP), each with a 95% Wilson interval. Counts add for the micro average.
/// </summary>
public readonly record struct BinaryCounts(int TP, int FP, int FN, int TN)
{
    public int Total => TP + FP + FN + TN;

    public Proportion Accuracy => Proportion.Of(TP + TN, Total);

    public Proportion Sensitivity => Proportion.Of(TP, TP + FN);

    public Proportion Specificity => Proportion.Of(TN, TN + FP);

    public static BinaryCounts operator +(BinaryCounts a, BinaryCounts b) =>
        new(a.TP + b.TP, a.FP + b.FP, a.FN + b.FN, a.TN + b.TN);

    /// <summary>One-vs-rest counts for <paramref name="positive"/> from paired truth and decision labels.</summary>
    public static BinaryCounts OneVsRest<T>(IEnumerable<(T Truth, T Decision)> pairs, T positive)
        where T : struct, Enum
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (truth, decision) in pairs)
        {
            bool isTrue = EqualityComparer<T>.Default.Equals(truth, positive);
            bool isCalled = EqualityComparer<T>.Default.Equals(decision, positive);
            switch (isTrue, isCalled)
            {
                case (true, true): tp++; break;
                case (false, true): fp++; break;
                case (true, false): fn++; break;
                default: tn++; break;
            }
        }
        return new BinaryCounts(tp, fp, fn, tn);
    }
}
