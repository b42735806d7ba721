using HipFx.Core;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// The change in one reader's performance from the unassisted phase (II) to the AI-assisted phase (III) on the
/// same images, with McNemar's 2 × 2 table and exact test. <see cref="Label"/> null: accuracy over all study
/// images (correct = the read equals the truth); otherwise the sensitivity for that label over the images truly
/// of that label (correct = the reader chose it).
/// </summary>
public sealed record AiEffect(string Reader, ReadingPhase Baseline, ReadingPhase Assisted, ImageLabel? Label, PairedOutcomes Outcomes)
{
    /// <summary>"accuracy" or "sensitivity displaced_fnf".</summary>
    public string Measure => Label is { } l ? $"sensitivity {l.Name()}" : "accuracy";

    public McNemarResult McNemar => Outcomes.McNemar;

    /// <summary>Accuracy and the sensitivity of each of the five labels, baseline vs assisted.</summary>
    public static IEnumerable<AiEffect> Compute(ReaderStudy study, string reader, ReadingPhase baseline, ReadingPhase assisted)
    {
        var before = study.Labels(reader, baseline);
        var after = study.Labels(reader, assisted);
        var all = Enumerable.Range(0, study.Images.Count).ToList();
        yield return Paired(null, all);
        foreach (var label in ClassNames.ImageLabels)
        {
            yield return Paired(label, all.Where(i => study.Truth[i] == label).ToList());
        }

        AiEffect Paired(ImageLabel? label, IReadOnlyList<int> images) => new(
            reader, baseline, assisted, label,
            PairedOutcomes.From(
                images.Select(i => before[i] == study.Truth[i]).ToList(),
                images.Select(i => after[i] == study.Truth[i]).ToList()));
    }
}
