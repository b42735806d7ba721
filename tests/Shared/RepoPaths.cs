namespace HipFx.Tests;

/// <summary>Locates the repository root and the <c>../shared</c> folder beside it, from any test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding HipFx.Train.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the checkout (<c>../shared</c>): real data, references.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>A path under <see cref="Shared"/>.</summary>
    public static string SharedFile(params string[] parts) => Path.Combine([Shared, .. parts]);

    /// <summary>A fresh empty temporary folder, deleted by the caller's <c>using</c>.</summary>
    public static TempFolder NewTempFolder() => new();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HipFx.Train.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"HipFx.Train.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A temporary folder that deletes itself.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hipfx-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
