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
            problems.Add($"image_id '{Echo.Text(group.Key)}' appears {group.Count()} times");
        }
        problems.AddRange(Leaks(rows));
        return problems;
    }

    /// <summary>One line per image or annotation path that breaks the path rule (<see cref="ManifestPaths"/>).</summary>
    public static IEnumerable<string> PathProblems(IReadOnlyList<ManifestRow> rows, string folder, bool allowOutside)
    {
        foreach (var row in rows)
        {
            foreach (var (column, path) in new[] { (ManifestColumns.ImagePath, row.ImagePath), (ManifestColumns.AnnotationPath, row.AnnotationPath) })
            {
                if (path is not null && ManifestPaths.Problem(path, folder, allowOutside) is { } problem)
                {
                    yield return $"image_id '{Echo.Text(row.ImageId)}', {column} '{Echo.Text(path)}': {problem}";
                }
            }
        }
    }

    /// <summary>One line per patient found in more than one split.</summary>
    public static IEnumerable<string> Leaks(IReadOnlyList<ManifestRow> rows) =>
        rows.Where(r => r.Split is not null)
            .GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.Split).Distinct().Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"patient '{Echo.Text(g.Key)}' is in more than one split (a leak): " +
                         string.Join(", ", g.Take(10).Select(r => $"{Echo.Text(r.ImageId)} in {r.Split!.Value.Name()}")) + (g.Count() > 10 ? $" and {g.Count() - 10} more" : ""));

    /// <summary>Throws a <see cref="HipFxDataException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<ManifestRow> rows, string source) => ThrowIfAny(Problems(rows), source);

    /// <summary>Throws one <see cref="HipFxDataException"/> listing every problem, if there is any.</summary>
    internal static void ThrowIfAny(IReadOnlyList<string> problems, string source)
    {
        const int shown = 50;
        if (problems.Count > 0)
        {
            throw new HipFxDataException(
                $"invalid manifest ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):\n  " + string.Join("\n  ", problems.Take(shown))
                + (problems.Count > shown ? $"\n  ... and {problems.Count - shown} more" : ""),
                source);
        }
    }
}
