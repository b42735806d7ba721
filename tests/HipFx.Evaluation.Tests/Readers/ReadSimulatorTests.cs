using HipFx.Core;
using HipFx.Evaluation.Readers;

namespace HipFx.Evaluation.Tests.Readers;

public class ReadSimulatorTests
{
    private static ReaderTruth Truth(int perLabel = 40) =>
        new(ClassNames.ImageLabels
            .SelectMany(l => Enumerable.Range(0, perLabel).Select(i => ($"{l.PaperName()}{i:D3}", l)))
            .ToDictionary(p => p.Item1, p => p.l));

    [Fact]
    public void Same_seed_same_reads_other_seed_other_reads()
    {
        var truth = Truth();
        var a = ReadSimulator.Simulate(truth, new ReadSimulationOptions { Seed = 3 });
        var b = ReadSimulator.Simulate(truth, new ReadSimulationOptions { Seed = 3 });
        var c = ReadSimulator.Simulate(truth, new ReadSimulationOptions { Seed = 4 });
        Assert.Equal(a.Reads, b.Reads);
        Assert.Equal(a.Ai, b.Ai);
        Assert.NotEqual(a.Reads.Select(r => r.Label), c.Reads.Select(r => r.Label));
        Assert.Equal(3 * 3 * truth.Count, a.Reads.Count);
    }

    [Fact]
    public void Simulated_reads_form_a_valid_study()
    {
        var truth = Truth(10);
        var sim = ReadSimulator.Simulate(truth, new ReadSimulationOptions { Readers = ReaderProfile.Default(4) });
        var audit = new ModelAudit(sim.Ai.ToDictionary(r => r.ImageId, r => (r.Truth, r.Decision)));
        var study = ReaderStudyBuilder.Build(sim.Reads, truth, audit, new ReaderStudyInput());
        Assert.Equal(["A", "B", "C", "D"], study.Readers);
        Assert.Equal(3, study.Phases.Count);
        Assert.NotNull(study.Model);
        Assert.All(sim.Reads, r => Assert.InRange(r.Confidence!.Value, 0, 1));
        Assert.All(sim.Reads, r => Assert.True(r.ReadingTimeS > 0));
    }

    [Fact]
    public void Full_consistency_repeats_phase_one_and_a_perfect_ai_fully_adopted_makes_phase_three_perfect()
    {
        var truth = Truth(20);
        var options = new ReadSimulationOptions
        {
            Consistency = 1,
            AiCorrect = [1, 1, 1, 1, 1],
            AdoptCorrectSuggestion = 1,
            AdoptWrongSuggestion = 0,
        };
        var sim = ReadSimulator.Simulate(truth, options);
        var study = ReaderStudyBuilder.Build(sim.Reads, truth, null, new ReaderStudyInput());
        var result = ReaderStudyAnalysis.Run(study, new ReaderAnalysisOptions { Fleiss = new() { BootstrapSamples = 0 } });
        Assert.All(result.Intra, a => Assert.Equal(1.0, a.Kappa.Kappa, 12));
        Assert.All(study.Readers, r => Assert.Equal(1.0, result.Of(r, ReadingPhase.III).Accuracy.Value));
        Assert.All(study.Readers, r => Assert.True(result.Of(r, ReadingPhase.II).Accuracy.Value < 1));
        // Every discordant pair goes the AI's way: b = 0 for each reader.
        Assert.All(result.Effects.Where(e => e.Label is null), e => Assert.Equal(0, e.Outcomes.FirstOnly));
    }

    [Fact]
    public void No_ai_adoption_leaves_phase_three_like_the_readers_own_reads()
    {
        // Without adoption, phase III accuracy should stay near phase II (same profile): no systematic gain.
        var truth = Truth(100);
        var sim = ReadSimulator.Simulate(truth, new ReadSimulationOptions { AdoptCorrectSuggestion = 0, AdoptWrongSuggestion = 0, Seed = 11 });
        var study = ReaderStudyBuilder.Build(sim.Reads, truth, null, new ReaderStudyInput());
        var result = ReaderStudyAnalysis.Run(study, new ReaderAnalysisOptions { Fleiss = new() { BootstrapSamples = 0 } });
        double change = result.Effects.Where(e => e.Label is null).Average(e => e.Outcomes.Change);
        Assert.InRange(change, -0.04, 0.04);
    }

    [Fact]
    public void Bad_options_are_usage_errors()
    {
        Assert.Throws<HipFxConfigException>(() => new ReadSimulationOptions { Consistency = 1.5 }.Validate());
        Assert.Throws<HipFxConfigException>(() => new ReadSimulationOptions { AiCorrect = [0.9] }.Validate());
        Assert.Throws<HipFxConfigException>(() =>
            new ReadSimulationOptions { Readers = [new ReaderProfile("A", [1, 1, 1, 1, 1]), new ReaderProfile("A", [1, 1, 1, 1, 1])] }.Validate());
    }
}
