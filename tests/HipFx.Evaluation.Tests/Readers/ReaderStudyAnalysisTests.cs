using HipFx.Core;
using HipFx.Evaluation.Readers;
using HipFx.Evaluation.Statistics;
using static HipFx.Core.ImageLabel;
using static HipFx.Evaluation.Tests.Readers.StudyFiles;

namespace HipFx.Evaluation.Tests.Readers;

public class ReaderStudyAnalysisTests
{
    // Six images; truth DF VF SF UF No No.
    private static readonly ImageLabel[] Truth = [DisplacedFnf, ValgusImpactedFnf, StableItf, UnstableItf, NoFracture, NoFracture];

    private static ReaderStudyResult Analyse(IEnumerable<ReaderRead> reads, ReaderAnalysisOptions? options = null)
    {
        using var files = new StudyFiles();
        var study = ReaderStudyBuilder.Build(reads, files.Truth(Truth), null, new ReaderStudyInput());
        return ReaderStudyAnalysis.Run(study, options ?? new ReaderAnalysisOptions { Fleiss = new FleissKappaOptions { BootstrapSamples = 200 } });
    }

    [Fact]
    public void Intra_reader_kappa_and_ai_effect_match_hand_computation()
    {
        // Reader A, phase I:   DF VF SF UF No No   (all right)
        //           phase II:  VF VF SF SF No No   (wrong on images 1 and 4)
        //           phase III: DF VF SF UF No VF   (wrong on image 6)
        // Cohen I vs II: agree on 4 of 6, Po = 4/6. Marginals over DF VF SF UF No:
        //   I: 1 1 1 1 2 (/6); II: 0 2 2 0 2 (/6); Pe = (0 + 2 + 2 + 0 + 4)/36 = 8/36 = 2/9
        //   κ = (2/3 − 2/9)/(1 − 2/9) = (4/9)/(7/9) = 4/7
        // McNemar II -> III on accuracy: II right on 2,3,5,6; III right on 1..5.
        //   both right 2,3,5 = 3; II only 6 = 1 (b); III only 1,4 = 2 (c); both wrong 0.
        //   p = min(1, 2·P(X ≤ 1 | n = 3)) = 2·(1 + 3)/8 = 1; change = (2 − 1)/6.
        var reads = Reads("A", ReadingPhase.I, Truth)
            .Concat(Reads("A", ReadingPhase.II, ValgusImpactedFnf, ValgusImpactedFnf, StableItf, StableItf, NoFracture, NoFracture))
            .Concat(Reads("A", ReadingPhase.III, DisplacedFnf, ValgusImpactedFnf, StableItf, UnstableItf, NoFracture, ValgusImpactedFnf));
        var result = Analyse(reads);

        var intra = Assert.Single(result.Intra);
        Assert.Equal(4.0 / 7, intra.Kappa.Kappa, 12);
        Assert.Equal(2.0 / 9, intra.Kappa.ExpectedAgreement, 12);

        var accuracy = result.Effects.Single(e => e.Label is null);
        Assert.Equal(new PairedOutcomes(3, 1, 2, 0), accuracy.Outcomes);
        Assert.Equal(1.0, accuracy.McNemar.PValue, 12);
        Assert.Equal(1.0 / 6, accuracy.Outcomes.Change, 12);

        // Sensitivity for unstable_itf (image 4 only): wrong in II, right in III -> c = 1.
        var uf = result.Effects.Single(e => e.Label == UnstableItf);
        Assert.Equal(new PairedOutcomes(0, 0, 1, 0), uf.Outcomes);
        Assert.Equal("sensitivity unstable_itf", uf.Measure);

        // One reader: no Fleiss' κ, said in the notes.
        Assert.Empty(result.Inter);
        Assert.Contains(result.Notes, n => n.Contains("Fleiss' κ needs at least two readers"));
    }

    [Fact]
    public void Perfect_agreement_gives_kappa_one_within_and_between_readers()
    {
        var reads = from reader in new[] { "A", "B", "C" }
                    from phase in new[] { ReadingPhase.I, ReadingPhase.II }
                    from read in Reads(reader, phase, Truth)
                    select read;
        var result = Analyse(reads);
        Assert.All(result.Intra, a => Assert.Equal(1.0, a.Kappa.Kappa, 12));
        Assert.All(result.Inter, a => Assert.Equal(1.0, a.Kappa.Kappa, 12));
        Assert.All(result.Inter, a => Assert.Equal(1.0, a.Kappa.Lower, 12));
        Assert.Equal(2, result.Inter.Count);
        var s = result.Summaries.Single(x => x.Phase == ReadingPhase.I);
        Assert.Equal(1.0, s.MicroSensitivity.Mean, 12);
        Assert.Equal(0.0, s.MicroSensitivity.Sd, 12);
        Assert.Contains(result.Notes, n => n.Contains("No AI effect: it needs phases II and III"));
    }

    [Fact]
    public void Inter_reader_kappa_is_fleiss_over_the_readers_labels()
    {
        ImageLabel[] b = [DisplacedFnf, DisplacedFnf, StableItf, StableItf, NoFracture, NoFracture];
        ImageLabel[] c = [ValgusImpactedFnf, ValgusImpactedFnf, StableItf, UnstableItf, NoFracture, DisplacedFnf];
        var reads = Reads("A", ReadingPhase.I, Truth).Concat(Reads("B", ReadingPhase.I, b)).Concat(Reads("C", ReadingPhase.I, c));
        var result = Analyse(reads);
        var expected = FleissKappa.PointEstimate(FleissKappa.CountTable(
            [Truth.Select(l => (int)l).ToArray(), b.Select(l => (int)l).ToArray(), c.Select(l => (int)l).ToArray()], ClassNames.LabelCount));
        var inter = Assert.Single(result.Inter);
        Assert.Equal(expected.Kappa, inter.Kappa.Kappa, 12);
        Assert.Equal(["A", "B", "C"], inter.Readers);
        Assert.Equal(KappaIntervalMethod.BootstrapPercentile, inter.Kappa.Method);
    }

    [Fact]
    public void Phases_to_compare_must_differ()
    {
        var options = new ReaderAnalysisOptions { Baseline = ReadingPhase.III, Assisted = ReadingPhase.III };
        Assert.Throws<ArgumentException>(() => options.Validate());
    }
}
