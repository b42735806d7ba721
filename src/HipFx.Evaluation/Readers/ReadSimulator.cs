using HipFx.Core;
using MathNet.Numerics.Random;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// Simulates a reader study on images with known labels, so <c>hipfx readers</c> can be shown end to end
/// without a real study. The reader model:
/// <list type="bullet">
/// <item>A read is correct with the reader's probability for the true label; a wrong read goes to a neighbouring
/// label by fixed weights (DF ↔ VF and SF ↔ UF most often, then no_fracture, then the other site).</item>
/// <item>Phase II repeats the phase I read with probability <see cref="ReadSimulationOptions.Consistency"/>,
/// else reads afresh; phase III starts from the reader's own read the same way, then, where the AI suggests a
/// different label, takes it with <see cref="ReadSimulationOptions.AdoptCorrectSuggestion"/> (AI right) or
/// <see cref="ReadSimulationOptions.AdoptWrongSuggestion"/> (AI wrong): the AI-assistance effect.</item>
/// <item>The AI's suggestions come from the model audit when given, else from the same model with
/// <see cref="ReadSimulationOptions.AiCorrect"/>.</item>
/// <item>Confidence: uniform in [0.6, 1] when the read is right, [0.3, 0.8] when wrong. Reading time: the
/// reader's time × a log-normal factor (σ 0.3), × <see cref="ReadSimulationOptions.AssistedTimeFactor"/> in phase III.</item>
/// </list>
/// One Mersenne Twister seeded with <see cref="ReadSimulationOptions.Seed"/> drives everything, images in
/// ordinal id order: the same inputs give the same reads.
/// </summary>
public static class ReadSimulator
{
    /// <summary>Where a wrong read goes, by true label (rows) and read label (columns): DF, VF, SF, UF, No.</summary>
    private static readonly double[,] ErrorWeights =
    {
        { 0, 0.60, 0.10, 0.10, 0.20 }, // displaced_fnf: mostly called valgus-impacted
        { 0.55, 0, 0.05, 0.05, 0.35 }, // valgus_impacted_fnf: displaced or missed
        { 0.10, 0.10, 0, 0.60, 0.20 }, // stable_itf: mostly called unstable
        { 0.10, 0.10, 0.65, 0, 0.15 }, // unstable_itf: mostly called stable
        { 0.20, 0.40, 0.20, 0.20, 0 }, // no_fracture: a subtle fracture seen
    };

    /// <summary>The simulated reads and the AI decisions they were shown in the assisted phase.</summary>
    public sealed record Simulation(IReadOnlyList<ReaderRead> Reads, IReadOnlyList<(string ImageId, ImageLabel Truth, ImageLabel Decision)> Ai);

    /// <summary>Simulates every reader reading every image of <paramref name="truth"/> in every phase.</summary>
    public static Simulation Simulate(ReaderTruth truth, ReadSimulationOptions options, ModelAudit? audit = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new MersenneTwister(options.Seed);
        var images = truth.ImageIds.Order(StringComparer.Ordinal).ToList();

        var ai = new List<(string, ImageLabel, ImageLabel)>(images.Count);
        foreach (string id in images)
        {
            var t = truth[id];
            ImageLabel decision;
            if (audit is not null)
            {
                if (!audit.Rows.TryGetValue(id, out var row))
                {
                    throw new HipFxDataException($"the model audit has no decision for image '{id}' of the truth", audit.Path);
                }
                decision = row.Decision;
            }
            else
            {
                decision = Draw(random, t, options.AiCorrect[(int)t]);
            }
            ai.Add((id, t, decision));
        }

        var reads = new List<ReaderRead>();
        foreach (var reader in options.Readers)
        {
            for (int i = 0; i < images.Count; i++)
            {
                var t = truth[images[i]];
                ImageLabel? previous = null;
                foreach (var phase in options.Phases.Order())
                {
                    var own = previous is { } p && random.NextDouble() < options.Consistency
                        ? p
                        : Draw(random, t, reader.Correct[(int)t]);
                    var label = own;
                    bool assisted = phase == ReadingPhase.III;
                    if (assisted && ai[i].Item3 != own)
                    {
                        bool aiRight = ai[i].Item3 == t;
                        double adopt = aiRight ? options.AdoptCorrectSuggestion : options.AdoptWrongSuggestion;
                        if (random.NextDouble() < adopt)
                        {
                            label = ai[i].Item3;
                        }
                    }
                    double confidence = label == t ? 0.6 + 0.4 * random.NextDouble() : 0.3 + 0.5 * random.NextDouble();
                    double time = reader.ReadingTimeS * Math.Exp(0.3 * Normal(random)) * (assisted ? options.AssistedTimeFactor : 1);
                    reads.Add(new ReaderRead(images[i], reader.Name, phase, label, Math.Round(confidence, 3), Math.Round(time, 1)));
                    previous = own;
                }
            }
        }
        var ordered = reads.OrderBy(r => r.Phase).ThenBy(r => r.Reader, StringComparer.Ordinal).ThenBy(r => r.ImageId, StringComparer.Ordinal).ToList();
        return new Simulation(ordered, ai);
    }

    /// <summary>The true label with probability <paramref name="correct"/>, else a neighbour by <see cref="ErrorWeights"/>.</summary>
    private static ImageLabel Draw(Random random, ImageLabel truth, double correct)
    {
        if (random.NextDouble() < correct)
        {
            return truth;
        }
        double u = random.NextDouble();
        int t = (int)truth;
        double sum = 0;
        for (int j = 0; j < ClassNames.LabelCount; j++)
        {
            sum += ErrorWeights[t, j];
            if (u < sum)
            {
                return (ImageLabel)j;
            }
        }
        return (ImageLabel)(t == 0 ? 1 : 0);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
