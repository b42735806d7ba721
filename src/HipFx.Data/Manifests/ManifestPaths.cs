using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>How a manifest is read.</summary>
public sealed record ManifestReadOptions
{
    /// <summary>The default: paths must stay inside the manifest's folder.</summary>
    public static ManifestReadOptions Default { get; } = new();

    /// <summary>Allow <c>image_path</c> / <c>annotation_path</c> to be absolute or to leave the manifest's folder
    /// (<c>../</c>). Default false: a hand-written manifest cannot make hipfx open <c>/etc/passwd</c> or a file
    /// outside the dataset. The CLI's <c>--allow-outside-paths</c>.</summary>
    public bool AllowOutsidePaths { get; init; }
}

/// <summary>
/// The one rule for the paths a manifest names (<c>data-manifests/README.md</c>, "Paths"): no NUL or other control
/// character, and, unless <see cref="ManifestReadOptions.AllowOutsidePaths"/>, relative and inside the manifest's
/// folder once resolved (<c>a/../b.png</c> is fine, <c>../b.png</c>, <c>/etc/passwd</c> and <c>C:\x</c> are not).
/// The check is on the path's text; links inside the folder are followed when the file is opened, and only regular
/// files are ever opened (<see cref="InputFile"/>).
/// </summary>
public static class ManifestPaths
{
    /// <summary>Why <paramref name="path"/> may not be used from a manifest in <paramref name="folder"/>, or null.</summary>
    public static string? Problem(string path, string folder, bool allowOutside)
    {
        if (path.Any(char.IsControl))
        {
            return "the path holds a NUL or other control character";
        }
        if (allowOutside)
        {
            return null;
        }
        string normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || (normalized.Length >= 2 && normalized[1] == ':'))
        {
            return "an absolute path; paths must be relative to the manifest's folder (pass --allow-outside-paths to allow absolute paths)";
        }
        string root = Path.GetFullPath(folder);
        string full = Path.GetFullPath(Path.Combine(root, normalized));
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "the path leaves the manifest's folder; paths must stay inside it (pass --allow-outside-paths to allow it)";
        }
        return null;
    }

    /// <summary>The absolute path, after checking the rule; a <see cref="HipFxDataException"/> naming the manifest otherwise.</summary>
    public static string Resolve(string path, string folder, bool allowOutside, string? manifestFile)
    {
        if (Problem(path, folder, allowOutside) is { } problem)
        {
            throw new HipFxDataException($"path '{Echo.Text(path)}': {problem}", manifestFile ?? folder);
        }
        string normalized = path.Replace('\\', '/');
        return Path.GetFullPath(Path.IsPathRooted(normalized) ? normalized : Path.Combine(folder, normalized));
    }
}
