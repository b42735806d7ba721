using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>
/// A dataset manifest: its rows and the folder its relative paths resolve against.
/// Construct with <see cref="ManifestReader"/> (validated) or <see cref="Create"/> (validated the same way).
/// </summary>
public sealed class Manifest
{
    private Manifest(string folder, IReadOnlyList<ManifestRow> rows, string? filePath)
    {
        Folder = folder;
        Rows = rows;
        FilePath = filePath;
    }

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
    public static Manifest Create(string folder, IEnumerable<ManifestRow> rows, string? filePath = null)
    {
        var list = rows.ToList();
        ManifestValidator.ThrowIfInvalid(list, filePath ?? folder);
        return new Manifest(Path.GetFullPath(folder), list, filePath);
    }

    internal static Manifest Trusted(string folder, IReadOnlyList<ManifestRow> rows, string filePath) =>
        new(Path.GetFullPath(folder), rows, filePath);

    /// <summary>The absolute path of <paramref name="path"/> (absolute, or relative to <see cref="Folder"/>).</summary>
    public string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Folder, path.Replace('\\', '/')));

    /// <summary>The absolute image path of <paramref name="row"/>.</summary>
    public string ImageFile(ManifestRow row) => Resolve(row.ImagePath);

    /// <summary>The absolute annotation path of <paramref name="row"/>, or null.</summary>
    public string? AnnotationFile(ManifestRow row) => row.AnnotationPath is null ? null : Resolve(row.AnnotationPath);

    /// <summary>The rows of one split.</summary>
    public IEnumerable<ManifestRow> InSplit(DatasetSplit split) => Rows.Where(r => r.Split == split);

    /// <summary>A copy with other rows (validated again).</summary>
    public Manifest WithRows(IEnumerable<ManifestRow> rows) => Create(Folder, rows, FilePath);

    /// <summary>SHA-256 (lower-case hex) of the canonical content: see <see cref="ManifestHash"/>.</summary>
    public string Sha256() => ManifestHash.Compute(Rows);
}
