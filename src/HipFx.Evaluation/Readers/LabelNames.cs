using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// Parses the five image labels as written in reads, truth and audit CSVs: the canonical names only
/// (SPEC.md "The classes"), with a hint naming the closest canonical name when a value is wrong.
/// The paper's abbreviations (DF, VF, SF, UF, No) are not accepted, but are pointed to their names.
/// </summary>
public static class LabelNames
{
    private static readonly string[] Canonical = ClassNames.ImageLabels.Select(l => l.Name()).ToArray();

    public static bool TryParse(string? text, out ImageLabel label) => ClassNames.TryParseLabel((text ?? "").Trim(), out label);

    /// <summary>The problem text for an unknown label, e.g. "unknown label 'DF' (closest valid name: 'displaced_fnf')".</summary>
    public static string Unknown(string? text, string what = "label")
    {
        string given = (text ?? "").Trim();
        if (given.Length == 0)
        {
            return $"empty {what} (one of {string.Join(", ", Canonical)})";
        }
        var paper = ClassNames.ImageLabels.FirstOrDefault(l => string.Equals(l.PaperName(), given, StringComparison.OrdinalIgnoreCase), (ImageLabel)(-1));
        string hint = (int)paper >= 0
            ? $" (the paper's abbreviation for '{paper.Name()}': write the canonical name)"
            : NameSuggestion.Hint(given, Canonical);
        return $"unknown {what} '{given}'{hint}";
    }
}
