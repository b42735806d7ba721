using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>
/// The checks every manifest passes, whoever built it: unique image ids and no patient in two splits (a leak).
/// All problems are reported in one exception.
/// </summary>
public static class ManifestValidator
{
    /// <summary>Every problem of <paramref name="rows"/>, one line each; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ManifestRow> rows)
    {
        var problems = new List<string>();
        foreach (var group in rows.GroupBy(r => r.ImageId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"image_id '{group.Key}' appears {group.Count()} times");
        }
        problems.AddRange(Leaks(rows));
        return problems;
    }

    /// <summary>One line per patient found in more than one split.</summary>
    public static IEnumerable<string> Leaks(IReadOnlyList<ManifestRow> rows) =>
        rows.Where(r => r.Split is not null)
            .GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Split).Distinct().Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"patient '{g.Key}' is in more than one split (a leak): " +
                         string.Join(", ", g.Select(r => $"{r.ImageId} in {r.Split!.Value.Name()}")));

    /// <summary>Throws a <see cref="HipFxDataException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<ManifestRow> rows, string source) => ThrowIfAny(Problems(rows), source);

    /// <summary>Throws one <see cref="HipFxDataException"/> listing every problem, if there is any.</summary>
    internal static void ThrowIfAny(IReadOnlyList<string> problems, string source)
    {
        if (problems.Count > 0)
        {
            throw new HipFxDataException(
                $"invalid manifest ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n  " + string.Join("\n  ", problems),
                source);
        }
    }
}
