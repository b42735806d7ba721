namespace HipFx.Core;

/// <summary>
/// Writes a command's outputs all or nothing: into a hidden staging folder beside the output folder, then each file
/// is moved into place (a rename on one file system) only when everything was written. A failure part way (bad data
/// found while writing, a crash) leaves the output folder as it was and the staging folder removed. Stale staging
/// folders of killed runs (<c>.NAME.staging-PID</c> of a process no longer running) are removed on the next run.
/// </summary>
public static class StagedFolder
{
    /// <summary>Runs <paramref name="write"/> on a fresh staging folder, then moves what it wrote into
    /// <paramref name="folder"/> (overwriting files of the same name). Returns <paramref name="write"/>'s result
    /// and a function mapping a staged path to its final path.</summary>
    public static (T Result, Func<string, string> Final) Write<T>(string folder, Func<string, T> write)
    {
        string full = Path.GetFullPath(folder);
        string parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        string name = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        Directory.CreateDirectory(parent);
        RemoveStale(parent, name);
        string staging = Path.Combine(parent, $".{name}.staging-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);
        try
        {
            var result = write(staging);
            Directory.CreateDirectory(full);
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).ToList())
            {
                string target = Path.Combine(full, Path.GetRelativePath(staging, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
            }
            return (result, p => Path.GetFullPath(p).StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? Path.Combine(full, Path.GetRelativePath(staging, Path.GetFullPath(p)))
                : p);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void RemoveStale(string parent, string name)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, $".{name}.staging-*"))
        {
            if (int.TryParse(dir[(dir.LastIndexOf('-') + 1)..], out int pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not ours to remove after all.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
