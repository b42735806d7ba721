namespace HipFx.Data.Files;

/// <summary>
/// The one safe walk of a folder tree: returns only regular files (a FIFO, a device, a socket or a link to one is
/// skipped with a reason), does not follow linked folders unless <see cref="FileWalkOptions.FollowLinks"/>, never
/// visits a folder twice (folders are identified by their canonical path), and returns full paths in ordinal order,
/// so the same tree gives the same list on every machine.
/// </summary>
public static class FileWalk
{
    /// <summary>
    /// The regular files under <paramref name="root"/> whose full path <paramref name="wanted"/> accepts (by name:
    /// nothing is opened to decide). Skipped entries are reported only when wanted, or when they are folders.
    /// </summary>
    public static FileSearch Files(string root, Func<string, bool> wanted, FileWalkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        options ??= FileWalkOptions.Default;
        string top = Path.GetFullPath(root);
        string realTop = FileKinds.RealPath(top) ?? top;
        var files = new List<string>();
        var skipped = new List<SkippedPath>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { realTop };
        var pending = new Stack<string>();
        pending.Push(top);
        var enumeration = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string entry in Directory.EnumerateFileSystemEntries(folder, "*", enumeration).Order(StringComparer.Ordinal))
            {
                var own = FileKinds.Of(entry, followLinks: false);
                bool link = own == FileKind.SymbolicLink;
                var kind = link ? FileKinds.Of(entry) : own;
                if (kind == FileKind.Directory)
                {
                    if (link && !options.FollowLinks)
                    {
                        skipped.Add(new SkippedPath(entry, "a link to a folder, not followed (links are followed only when asked)"));
                        continue;
                    }
                    string real = FileKinds.RealPath(entry) ?? entry;
                    if (!visited.Add(real))
                    {
                        skipped.Add(new SkippedPath(entry, $"folder {real} already visited"));
                        continue;
                    }
                    pending.Push(entry);
                    continue;
                }
                if (!wanted(entry))
                {
                    continue;
                }
                if (kind != FileKind.Regular)
                {
                    string why = kind == FileKind.Missing ? "a link to nothing" : $"{kind.Describe()}{(link ? " behind a link" : "")}, not a regular file";
                    skipped.Add(new SkippedPath(entry, why));
                }
                else if (link && !options.FollowLinks && !Inside(FileKinds.RealPath(entry), realTop))
                {
                    skipped.Add(new SkippedPath(entry, $"a link to a file outside {top}, not followed (links are followed only when asked)"));
                }
                else
                {
                    files.Add(entry);
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        skipped.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        return new FileSearch(files, skipped);
    }

    private static bool Inside(string? path, string folder) =>
        path is not null && path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
