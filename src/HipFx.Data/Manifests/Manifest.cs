using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>
/// A dataset manifest: its rows and the folder its relative paths resolve against.
/// Construct with <see cref="ManifestReader"/> (validated) or <see cref="Create"/> (validated the same way).
/// </summary>
public sealed class Manifest
{
    private Manifest(string folder, IReadOnlyList<ManifestRow> rows, string? filePath, bool allowOutsidePaths)
    {
        Folder = folder;
        Rows = rows;
        FilePath = filePath;
        AllowOutsidePaths = allowOutsidePaths;
    }

    /// <summary>Whether paths may be absolute or leave <see cref="Folder"/> (<see cref="ManifestReadOptions.AllowOutsidePaths"/>).</summary>
    public bool AllowOutsidePaths { get; }

    /// <summary>The folder relative paths resolve against (the manifest file's folder).</summary>
    public string Folder { get; }

    /// <summary>The file it was read from, when it was.</summary>
    public string? FilePath { get; }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<ManifestRow> Rows { get; }

    /// <summary>
    /// A manifest from rows, validated like a read one (unique image ids, no patient in two splits);
    /// <paramref name="folder"/> is where it will be written.
    /// </summary>
    public static Manifest Create(string folder, IEnumerable<ManifestRow> rows, string? filePath = null, bool allowOutsidePaths = false)
    {
        var list = rows.ToList();
        var problems = ManifestValidator.Problems(list).ToList();
        problems.AddRange(ManifestValidator.PathProblems(list, Path.GetFullPath(folder), allowOutsidePaths));
        ManifestValidator.ThrowIfAny(problems, filePath ?? folder);
        return new Manifest(Path.GetFullPath(folder), list, filePath, allowOutsidePaths);
    }

    internal static Manifest Trusted(string folder, IReadOnlyList<ManifestRow> rows, string filePath, bool allowOutsidePaths) =>
        new(Path.GetFullPath(folder), rows, filePath, allowOutsidePaths);

    /// <summary>The absolute path of <paramref name="path"/> (relative to <see cref="Folder"/>, or absolute when
    /// <see cref="AllowOutsidePaths"/>), after checking the path rule (<see cref="ManifestPaths"/>).</summary>
    public string Resolve(string path) => ManifestPaths.Resolve(path, Folder, AllowOutsidePaths, FilePath);

    /// <summary>The absolute image path of <paramref name="row"/>.</summary>
    public string ImageFile(ManifestRow row) => Resolve(row.ImagePath);

    /// <summary>The absolute annotation path of <paramref name="row"/>, or null.</summary>
    public string? AnnotationFile(ManifestRow row) => row.AnnotationPath is null ? null : Resolve(row.AnnotationPath);

    /// <summary>The rows of one split.</summary>
    public IEnumerable<ManifestRow> InSplit(DatasetSplit split) => Rows.Where(r => r.Split == split);

    /// <summary>A copy with other rows (validated again).</summary>
    public Manifest WithRows(IEnumerable<ManifestRow> rows) => Create(Folder, rows, FilePath, AllowOutsidePaths);

    /// <summary>SHA-256 (lower-case hex) of the canonical content: see <see cref="ManifestHash"/>.</summary>
    public string Sha256() => ManifestHash.Compute(Rows);
}
