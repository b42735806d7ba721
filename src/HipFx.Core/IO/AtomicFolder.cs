namespace HipFx.Core.IO;

/// <summary>
/// Replaces a folder as a whole, as <see cref="AtomicFile"/> replaces a file: the caller fills
/// <c>&lt;path&gt;.tmp/</c> (<see cref="Stage"/>), then <see cref="Commit"/> moves the old folder to
/// <c>&lt;path&gt;.old/</c>, the new one into place and deletes the old one. A crash at any point leaves a complete
/// folder: under <c>path</c>, or (between the two renames) only <c>.old</c>, which <see cref="Existing"/> falls back
/// to and the next <see cref="Commit"/> keeps until the new folder is in place.
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
            if (Directory.Exists(path))
            {
                Directory.Delete(old, recursive: true); // a leftover: path is complete
            }
            else
            {
                Directory.Move(old, path); // a crash between the renames left the only complete folder in .old
            }
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
