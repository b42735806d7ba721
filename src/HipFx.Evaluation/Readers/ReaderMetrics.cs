using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// One reader in one phase (or the model, <see cref="Phase"/> null) against the truth, SPEC.md "Metrics":
/// one-vs-rest counts for each of the five labels; the micro row pools TP/FN/TN/FP of the four fracture classes;
/// the macro row is the unweighted mean of the four fracture classes' sensitivities (specificities) over the classes
/// where the value is defined (a class with no true image has no sensitivity), as <c>hipfx eval</c> computes it
/// (<see cref="ClassificationSummary"/>), so the model's column matches its Table III.
/// </summary>
public sealed record ReaderMetrics(
    string Reader,
    ReadingPhase? Phase,
    IReadOnlyList<BinaryCounts> PerLabel,
    BinaryCounts Micro,
    double MacroSensitivity,
    double MacroSpecificity,
    Proportion Accuracy,
    double? MeanReadingTimeS)
{
    /// <summary>
    /// Unweighted mean of the four fracture classes' one-vs-rest accuracies, as <c>hipfx eval</c>'s macro row
    /// (<see cref="ClassificationSummary.MacroAccuracy"/>).
    /// </summary>
    public double MacroAccuracy { get; init; } = double.NaN;

    /// <summary>"A · I", or the model's name.</summary>
    public string Title => Phase is { } p ? $"{Reader} · {p.Name()}" : Reader;

    public BinaryCounts this[ImageLabel label] => PerLabel[(int)label];

    /// <summary>Counts and rates of <paramref name="decisions"/> against <paramref name="truth"/> (aligned lists).</summary>
    public static ReaderMetrics Compute(
        string reader, ReadingPhase? phase, IReadOnlyList<ImageLabel> truth, IReadOnlyList<ImageLabel> decisions,
        IReadOnlyList<double?>? readingTimes = null)
    {
        if (truth.Count != decisions.Count)
        {
            throw new ArgumentException($"{truth.Count} true labels but {decisions.Count} decisions.", nameof(decisions));
        }
        var pairs = truth.Zip(decisions).ToList();
        var perLabel = ClassNames.ImageLabels.Select(l => BinaryCounts.OneVsRest(pairs, l)).ToList();
        var summary = ClassificationSummary.From(new ConfusionMatrix(pairs));
        int correct = pairs.Count(p => p.First == p.Second);
        var times = readingTimes?.Where(t => t.HasValue).Select(t => t!.Value).ToList();
        return new ReaderMetrics(
            reader, phase, perLabel, summary.Micro,
            summary.MacroSensitivity.Value,
            summary.MacroSpecificity.Value,
            Proportion.Of(correct, pairs.Count),
            times is { Count: > 0 } ? times.Average() : null)
        {
            MacroAccuracy = summary.MacroAccuracy.Value,
        };
    }
}

/// <summary>
/// Mean (SD) across the human readers in one phase, as the paper's AVG column: sample SD (n − 1).
/// Lists are indexed by label id (five labels).
/// </summary>
public sealed record ReaderPhaseSummary(
    ReadingPhase Phase,
    IReadOnlyList<MeanSd> Sensitivity,
    IReadOnlyList<MeanSd> Specificity,
    MeanSd MicroSensitivity,
    MeanSd MicroSpecificity,
    MeanSd MacroSensitivity,
    MeanSd MacroSpecificity,
    MeanSd Accuracy)
{
    public static ReaderPhaseSummary Of(ReadingPhase phase, IReadOnlyList<ReaderMetrics> readers)
    {
        MeanSd Over(Func<ReaderMetrics, double> value) => MeanSd.Of(readers.Select(value).ToList());
        return new ReaderPhaseSummary(
            phase,
            ClassNames.ImageLabels.Select(l => Over(m => m[l].Sensitivity.Value)).ToList(),
            ClassNames.ImageLabels.Select(l => Over(m => m[l].Specificity.Value)).ToList(),
            Over(m => m.Micro.Sensitivity.Value),
            Over(m => m.Micro.Specificity.Value),
            Over(m => m.MacroSensitivity),
            Over(m => m.MacroSpecificity),
            Over(m => m.Accuracy.Value));
    }
}
