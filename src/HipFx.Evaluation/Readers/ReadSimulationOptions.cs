using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// A simulated reader: the chance of reading each true label correctly (indexed by label id: DF, VF, SF, UF, No)
/// and a typical reading time. Wrong reads go to the clinically neighbouring labels (see <see cref="ReadSimulator"/>).
/// </summary>
public sealed record ReaderProfile(string Name, IReadOnlyList<double> Correct, double ReadingTimeS = 30)
{
    /// <summary>The paper's surgeons, roughly (Table III sensitivities; no_fracture guessed): A, B and C.</summary>
    public static IReadOnlyList<ReaderProfile> PaperSurgeons { get; } =
    [
        new("A", [0.88, 0.80, 0.84, 0.86, 0.90], 32),
        new("B", [0.75, 0.93, 0.89, 0.80, 0.88], 26),
        new("C", [0.86, 0.94, 0.92, 0.89, 0.92], 38),
    ];

    /// <summary><paramref name="count"/> readers: the paper's A, B, C first, then D, E, ... with their mean profile.</summary>
    public static IReadOnlyList<ReaderProfile> Default(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var mean = Enumerable.Range(0, ClassNames.LabelCount).Select(i => PaperSurgeons.Average(p => p.Correct[i])).ToList();
        return Enumerable.Range(0, count)
            .Select(i => i < PaperSurgeons.Count ? PaperSurgeons[i] : new ReaderProfile(((char)('A' + i % 26)).ToString() + (i >= 26 ? (i / 26).ToString() : ""), mean, 30))
            .ToList();
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A simulated reader needs a name.");
        }
        if (Correct.Count != ClassNames.LabelCount || Correct.Any(p => !(p is >= 0 and <= 1)))
        {
            throw new ArgumentException($"Reader '{Name}': give {ClassNames.LabelCount} probabilities in [0, 1] (DF, VF, SF, UF, No).");
        }
        if (!(ReadingTimeS > 0))
        {
            throw new ArgumentException($"Reader '{Name}': reading time must be > 0 s.");
        }
    }
}

/// <summary>How <see cref="ReadSimulator"/> makes a reader study. Defaults give a study like the paper's.</summary>
public sealed record ReadSimulationOptions
{
    /// <summary>The readers. Default: the paper's three surgeons, roughly (<see cref="ReaderProfile.PaperSurgeons"/>).</summary>
    public IReadOnlyList<ReaderProfile> Readers { get; init; } = ReaderProfile.PaperSurgeons;

    /// <summary>Phases to simulate. Default I, II, III.</summary>
    public IReadOnlyList<ReadingPhase> Phases { get; init; } = [ReadingPhase.I, ReadingPhase.II, ReadingPhase.III];

    /// <summary>
    /// Chance that a reader repeats their previous phase's read of an image (memory and habit); otherwise the
    /// read is drawn afresh from the profile. Sets intra-reader agreement. Default 0.6.
    /// </summary>
    public double Consistency { get; init; } = 0.6;

    /// <summary>
    /// Phase III: when the AI's suggestion differs from the reader's own read and the AI is right, the chance the
    /// reader takes it. Default 0.6.
    /// </summary>
    public double AdoptCorrectSuggestion { get; init; } = 0.6;

    /// <summary>Phase III: the same when the AI is wrong (readers catch most AI errors). Default 0.15.</summary>
    public double AdoptWrongSuggestion { get; init; } = 0.15;

    /// <summary>
    /// The simulated AI's chance of a correct label per true label (DF, VF, SF, UF, No), used when no model audit
    /// is given. Default 0.85, 0.80, 0.92, 0.90, 0.90.
    /// </summary>
    public IReadOnlyList<double> AiCorrect { get; init; } = [0.85, 0.80, 0.92, 0.90, 0.90];

    /// <summary>Reading time with the AI, as a fraction of the reader's usual time. Default 0.8.</summary>
    public double AssistedTimeFactor { get; init; } = 0.8;

    /// <summary>Seed of the simulation: same truth, options and seed, same reads. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Checks every value; misuse throws <see cref="HipFxConfigException"/> naming the option.</summary>
    public void Validate()
    {
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new HipFxConfigException(message);
            }
        }
        Check(Readers.Count >= 1, "simulation needs at least one reader");
        Check(Readers.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() == Readers.Count, "simulated reader names must differ");
        Check(Phases.Count >= 1 && Phases.Distinct().Count() == Phases.Count, "give each phase once");
        OptionRules.Fraction(Consistency);
        OptionRules.Fraction(AdoptCorrectSuggestion);
        OptionRules.Fraction(AdoptWrongSuggestion);
        Check(AiCorrect.Count == ClassNames.LabelCount && AiCorrect.All(p => p is >= 0 and <= 1),
            $"AI accuracy needs {ClassNames.LabelCount} probabilities in [0, 1]");
        Check(AssistedTimeFactor > 0, $"assisted time factor must be > 0, got {AssistedTimeFactor}");
        foreach (var r in Readers)
        {
            try
            {
                r.Validate();
            }
            catch (ArgumentException e)
            {
                throw new HipFxConfigException(e.Message);
            }
        }
    }
}
