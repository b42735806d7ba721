namespace HipFx.Training.Checkpoints;

/// <summary>
/// Replaces a folder as a whole: the caller fills <c>&lt;path&gt;.tmp/</c>, then <see cref="Commit"/> moves the old
/// folder to <c>&lt;path&gt;.old/</c>, the new one into place and deletes the old one. A crash leaves either the old
/// or the new folder under <c>path</c>, or (between the two renames) only <c>.old</c>, which <see cref="Existing"/>
/// falls back to.
/// </summary>
public static class AtomicFolder
{
    /// <summary>An empty staging folder for <paramref name="path"/>.</summary>
    public static string Stage(string path)
    {
        string staging = path + ".tmp";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Puts the staged folder in place of <paramref name="path"/>.</summary>
    public static void Commit(string path)
    {
        string staging = path + ".tmp";
        string old = path + ".old";
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
        if (Directory.Exists(path))
        {
            Directory.Move(path, old);
        }
        Directory.Move(staging, path);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>The complete folder for <paramref name="path"/> (itself, or the old one a crash left), or null.</summary>
    public static string? Existing(string path) =>
        Directory.Exists(path) ? path : Directory.Exists(path + ".old") ? path + ".old" : null;
}
