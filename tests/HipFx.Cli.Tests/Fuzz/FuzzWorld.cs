using System.Runtime.InteropServices;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>
/// One fuzz case's folder: <c>in/</c> (what the command is given), <c>out/</c> (where it may write) and, beside them,
/// <c>sentinel/</c>: files a hostile input points at (a manifest row, a linked folder). Nothing outside in/ and out/
/// may be read or written: the sentinels' access times are set to 1990 (any read moves them, relatime included) and
/// every file outside in/ and out/ is listed before and after the run.
/// </summary>
internal sealed class FuzzWorld : IDisposable
{
    private static readonly DateTime Epoch = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private Dictionary<string, (long Length, DateTime Written)> before = [];

    public FuzzWorld(string root, FuzzCorpus corpus)
    {
        Root = Directory.CreateDirectory(root).FullName;
        In = Directory.CreateDirectory(Path.Combine(Root, "in")).FullName;
        Out = Directory.CreateDirectory(Path.Combine(Root, "out")).FullName;
        Sentinel = Directory.CreateDirectory(Path.Combine(Root, "sentinel")).FullName;
        File.WriteAllBytes(Path.Combine(Sentinel, "secret.dcm"), corpus.Dicoms[0].Bytes);
        File.WriteAllBytes(Path.Combine(Sentinel, "secret.jpg"), corpus.Image);
        File.WriteAllText(Path.Combine(Sentinel, "secret.xml"), corpus.Voc("secret.jpg"));
        File.WriteAllText(Path.Combine(Sentinel, "secret.csv"), corpus.Manifest);
    }

    public string Root { get; }

    public string In { get; }

    public string Out { get; }

    public string Sentinel { get; }

    public string InFile(string name) => Path.Combine(In, name);

    /// <summary>Call just before the run: sets the sentinels' access times and lists what is outside in/ and out/.</summary>
    public void Seal()
    {
        foreach (var file in Directory.EnumerateFiles(Sentinel))
        {
            File.SetLastAccessTimeUtc(file, Epoch);
        }
        before = Outside();
    }

    /// <summary>What the run did outside in/ and out/: sentinels read, files made, changed or removed.</summary>
    public IEnumerable<string> Trespasses()
    {
        foreach (var file in Directory.EnumerateFiles(Sentinel))
        {
            if (File.GetLastAccessTimeUtc(file) != Epoch)
            {
                yield return $"read {Path.GetFileName(file)} outside the input folder";
            }
        }
        var after = Outside();
        foreach (var (path, facts) in after)
        {
            if (!before.TryGetValue(path, out var old))
            {
                yield return $"wrote {path} outside the output folder";
            }
            else if (old != facts)
            {
                yield return $"changed {path} outside the output folder";
            }
        }
        foreach (var path in before.Keys.Where(p => !after.ContainsKey(p)))
        {
            yield return $"removed {path} outside the output folder";
        }
    }

    private Dictionary<string, (long, DateTime)> Outside()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var result = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos("*", options))
        {
            string relative = Path.GetRelativePath(Root, entry.FullName);
            if (relative == "in" || relative == "out" || relative.StartsWith("in/", StringComparison.Ordinal) || relative.StartsWith("out/", StringComparison.Ordinal))
            {
                continue;
            }
            result[relative] = entry is FileInfo f ? (f.Length, f.LastWriteTimeUtc) : (-1, default);
        }
        return result;
    }

    /// <summary>Makes a named pipe (reading it waits for a writer that never comes).</summary>
    public static void Fifo(string path)
    {
        if (mkfifo(path, 0x1A4) != 0)
        {
            throw new IOException($"mkfifo {path} failed");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
