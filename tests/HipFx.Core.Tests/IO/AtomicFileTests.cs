using HipFx.Core.IO;
using HipFx.Tests;

namespace HipFx.Core.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = Path.Combine(temp.Path, "sub", "a.json");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second é");
        Assert.Equal("second é", File.ReadAllText(path));
        Assert.Equal([(byte)'s'], File.ReadAllBytes(path)[..1]); // no byte-order mark
        Assert.Equal(["a.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_removes_the_temporary()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("model.safetensors");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidDataException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new InvalidDataException("writer failed");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Path_writers_get_a_temporary_in_the_same_folder_with_the_same_extension()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("curves.png");
        string? seen = null;
        AtomicFile.WriteVia(path, t =>
        {
            seen = t;
            File.WriteAllText(t, "png");
        });
        Assert.Equal(temp.Path, Path.GetDirectoryName(seen));
        Assert.EndsWith(".png", seen);
        Assert.NotEqual(path, seen);
        Assert.False(File.Exists(seen));
        Assert.Equal("png", File.ReadAllText(path));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteVia(temp.File("x.bin"), _ => { }));
    }

    [Fact]
    public void Keeps_the_unix_permissions_of_the_file_it_replaces()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("lib.so");
        File.WriteAllText(path, "v1");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        AtomicFile.WriteAllBytes(path, [7]);
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal([(byte)7], File.ReadAllBytes(path));
    }
}
