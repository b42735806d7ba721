namespace HipFx.Core;

/// <summary>
/// "Did you mean" for a misspelt name: the valid name at the smallest Levenshtein distance
/// (case-insensitive; ties go to the earlier valid name).
/// </summary>
public static class NameSuggestion
{
    /// <summary>The closest valid name, or null when there are none.</summary>
    public static string? Closest(string given, IEnumerable<string> valid)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in valid)
        {
            int d = Distance(given.ToLowerInvariant(), name.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>
    /// The closest valid name when it is reasonably close (distance at most max(3, half the given length)), else
    /// null: for "did you mean" where a far-off suggestion would mislead (unknown config keys).
    /// </summary>
    public static string? CloseEnough(string given, IEnumerable<string> valid) =>
        Closest(given, valid) is { } name && Distance(given.ToLowerInvariant(), name.ToLowerInvariant()) <= Math.Max(3, given.Length / 2) ? name : null;

    /// <summary>" (closest valid name: 'x')", or empty when there is no valid name.</summary>
    public static string Hint(string given, IEnumerable<string> valid) =>
        Closest(given, valid) is { } name ? $" (closest valid name: '{name}')" : "";

    /// <summary>Levenshtein edit distance (insertions, deletions, substitutions each cost 1).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
