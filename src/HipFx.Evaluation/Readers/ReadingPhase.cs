namespace HipFx.Evaluation.Readers;

/// <summary>
/// The phases of the paper's reader study (Figure 4): I without AI, II without AI two weeks later,
/// III with the AI's suggestions two weeks after that. Written "I", "II", "III"; "1", "2", "3" are read too.
/// </summary>
public enum ReadingPhase
{
    I = 1,
    II = 2,
    III = 3,
}

/// <summary>Names and parsing of <see cref="ReadingPhase"/>.</summary>
public static class ReadingPhases
{
    /// <summary>The canonical names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["I", "II", "III"];

    /// <summary>"I", "II" or "III".</summary>
    public static string Name(this ReadingPhase phase) => Names[(int)phase - 1];

    /// <summary>Parses "I"/"II"/"III" (any case) or "1"/"2"/"3"; false otherwise.</summary>
    public static bool TryParse(string? text, out ReadingPhase phase)
    {
        phase = default;
        string t = (text ?? "").Trim().ToUpperInvariant();
        int index = t switch
        {
            "I" or "1" => 1,
            "II" or "2" => 2,
            "III" or "3" => 3,
            _ => 0,
        };
        phase = (ReadingPhase)index;
        return index > 0;
    }
}
