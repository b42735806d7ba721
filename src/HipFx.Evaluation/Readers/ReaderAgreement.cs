using HipFx.Core;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Readers;

/// <summary>Intra-reader agreement: one reader's phase I labels against their phase II labels (Cohen's κ).</summary>
public sealed record IntraReaderAgreement(string Reader, ReadingPhase First, ReadingPhase Second, KappaEstimate Kappa)
{
    public static IntraReaderAgreement Compute(ReaderStudy study, string reader, ReadingPhase first, ReadingPhase second) =>
        new(reader, first, second, CohenKappa.FromRatings(
            Ids(study.Labels(reader, first)), Ids(study.Labels(reader, second)), ClassNames.LabelCount));

    internal static int[] Ids(IReadOnlyList<ImageLabel> labels) => labels.Select(l => (int)l).ToArray();
}

/// <summary>Inter-reader agreement in one phase: all human readers together (Fleiss' κ, bootstrap interval).</summary>
public sealed record InterReaderAgreement(ReadingPhase Phase, IReadOnlyList<string> Readers, KappaEstimate Kappa)
{
    public static InterReaderAgreement Compute(ReaderStudy study, ReadingPhase phase, FleissKappaOptions options)
    {
        var ratings = study.Readers.Select(r => (IReadOnlyList<int>)IntraReaderAgreement.Ids(study.Labels(r, phase))).ToList();
        var counts = FleissKappa.CountTable(ratings, ClassNames.LabelCount);
        return new InterReaderAgreement(phase, study.Readers, FleissKappa.Estimate(counts, options));
    }
}
