using HipFx.Core;

namespace HipFx.Evaluation.Tables;

/// <summary>One published Table II row: the model on the internal test set.</summary>
public sealed record PaperTableIIRow(double Accuracy, double Sensitivity, double Specificity, double IoU, double Dice);

/// <summary>One published sensitivity/specificity pair.</summary>
public sealed record PaperSeSp(double Sensitivity, double Specificity);

/// <summary>
/// The numbers the paper published (Bone Joint J 2025;107-B(2):213-220; <c>shared/seed/000_7db61b8bfadd1ad8.txt</c>),
/// typed once here for everything that puts a run beside the paper (the report, a reproduction script). Values are
/// as printed (two decimals, "1.0" as 1.0); the paper gives no counts or intervals.
/// </summary>
public static class PaperResults
{
    /// <summary>The citation, as plain text.</summary>
    public const string Citation = "Bone Joint J 2025;107-B(2):213-220 (Deep learning for automated hip fracture detection and classification)";

    /// <summary>Row key of the pooled rows in <see cref="TableIII"/>, as the paper prints it.</summary>
    public const string MicroRow = "Micro AVG";

    /// <summary>Row key of the unweighted-mean rows in <see cref="TableIII"/>, as the paper prints it.</summary>
    public const string MacroRow = "Macro AVG";

    /// <summary>The reader column of Table III holding the mean over readers A, B and C.</summary>
    public const string AverageReader = "AVG";

    /// <summary>Table II, "Performance metrics for hip fracture classification in internal datasets" (the model on the internal test split).</summary>
    public static IReadOnlyDictionary<FractureClass, PaperTableIIRow> TableII { get; } = new Dictionary<FractureClass, PaperTableIIRow>
    {
        [FractureClass.DisplacedFnf] = new(1.0, 0.79, 1.0, 0.70, 0.82),
        [FractureClass.ValgusImpactedFnf] = new(1.0, 0.80, 1.0, 0.70, 0.82),
        [FractureClass.StableItf] = new(0.99, 0.95, 0.99, 0.83, 0.89),
        [FractureClass.UnstableItf] = new(1.0, 0.98, 0.99, 0.86, 0.92),
    };

    /// <summary>Table III's reader columns, in the paper's order.</summary>
    public static IReadOnlyList<string> TableIIIReaders { get; } = ["A", "B", "C", AverageReader];

    /// <summary>
    /// Table III, "Performance metrics for hip fracture classification in external datasets": per row (a fracture class's
    /// name, <see cref="MicroRow"/>, <see cref="MacroRow"/>) and reader (A, B, C, AVG), sensitivity and specificity. The
    /// paper's text does not say which reading phase these are; its abstract reports the AVG columns as the external
    /// result. Its Macro AVG (0.69) is lower than every class's sensitivity, so it cannot be the mean of the four
    /// classes as hipfx defines macro (SPEC.md): compare that row with care.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, PaperSeSp>> TableIII { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, PaperSeSp>>
        {
            [FractureClass.DisplacedFnf.Name()] = Readers((0.88, 0.90), (0.75, 0.95), (0.86, 0.96), (0.83, 0.94)),
            [FractureClass.ValgusImpactedFnf.Name()] = Readers((0.80, 0.95), (0.93, 0.85), (0.94, 0.91), (0.89, 0.90)),
            [FractureClass.StableItf.Name()] = Readers((0.84, 0.94), (0.89, 0.94), (0.92, 0.96), (0.88, 0.95)),
            [FractureClass.UnstableItf.Name()] = Readers((0.86, 0.98), (0.80, 0.99), (0.89, 0.99), (0.85, 0.99)),
            [MicroRow] = Readers((0.83, 0.96), (0.78, 0.95), (0.87, 0.97), (0.83, 0.96)),
            [MacroRow] = Readers((0.68, 0.95), (0.68, 0.94), (0.72, 0.97), (0.69, 0.95)),
        };

    /// <summary>The <see cref="TableIII"/> row key of a table's row label ("displaced_fnf", "Micro AVG", "micro"...); null when the paper has no such row.</summary>
    public static string? RowKey(string rowLabel)
    {
        string label = rowLabel.Trim().ToLowerInvariant();
        if (label.StartsWith("micro", StringComparison.Ordinal))
        {
            return MicroRow;
        }
        if (label.StartsWith("macro", StringComparison.Ordinal))
        {
            return MacroRow;
        }
        return ClassOf(label)?.Name();
    }

    /// <summary>The fracture class of a row label, when it names one.</summary>
    public static FractureClass? ClassOf(string rowLabel)
    {
        string label = rowLabel.Trim().ToLowerInvariant();
        foreach (var c in ClassNames.FractureClasses)
        {
            if (c.Name() == label)
            {
                return c;
            }
        }
        return null;
    }

    private static IReadOnlyDictionary<string, PaperSeSp> Readers(params (double Se, double Sp)[] values) =>
        TableIIIReaders.Select((r, i) => (r, values[i])).ToDictionary(x => x.r, x => new PaperSeSp(x.Item2.Se, x.Item2.Sp));
}
