using HipFx.Core;
using HipFx.Data.Files;

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
/// When a path is resolved to be opened, links are resolved too: a linked folder inside the manifest's folder may
/// not lead out of it either. Only regular files are ever opened (<see cref="InputFile"/>).
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
        string full = Path.GetFullPath(Path.IsPathRooted(normalized) ? normalized : Path.Combine(folder, normalized));
        if (!allowOutside && LeavesThroughLink(full, folder))
        {
            throw new HipFxDataException(
                $"path '{Echo.Text(path)}': a linked folder or file leads out of the manifest's folder (pass --allow-outside-paths to allow it)",
                manifestFile ?? folder);
        }
        return full;
    }

    /// <summary>True when <paramref name="full"/> exists and, with every link resolved, is not inside
    /// <paramref name="folder"/> (also resolved): a link inside the folder may not lead out of it.</summary>
    private static bool LeavesThroughLink(string full, string folder)
    {
        if (FileKinds.RealPath(full) is not { } real || FileKinds.RealPath(folder) is not { } root)
        {
            return false; // missing: reported as not found when it is opened
        }
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return !real.StartsWith(prefix, StringComparison.Ordinal);
    }
}
