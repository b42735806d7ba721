using HipFx.Core.IO;
using HipFx.Tests;

namespace HipFx.Core.Tests.IO;

public sealed class AtomicFolderTests
{
    [Fact]
    public void Commit_replaces_the_folder_and_leaves_no_staging_or_old()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("last.resume");
        Fill(AtomicFolder.Stage(path), "first");
        AtomicFolder.Commit(path);
        Fill(AtomicFolder.Stage(path), "second");
        Assert.Equal("first", Read(path)); // staging does not touch the committed folder
        AtomicFolder.Commit(path);
        Assert.Equal("second", Read(path));
        Assert.Equal(path, AtomicFolder.Existing(path));
        Assert.Equal(["last.resume"], Directory.GetDirectories(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Stage_empties_a_staging_folder_a_crash_left()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("f");
        Fill(path + ".tmp", "half written");
        File.WriteAllText(Path.Combine(path + ".tmp", "extra.bin"), "x");
        string staging = AtomicFolder.Stage(path);
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
        Assert.Null(AtomicFolder.Existing(path));
    }

    [Fact]
    public void A_crash_between_the_renames_keeps_the_old_folder_until_the_next_commit_is_in_place()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("f");
        // What a crash after "path → path.old" and before "staging → path" leaves.
        Fill(path + ".old", "complete");
        Fill(path + ".tmp", "half written");
        Assert.Equal(path + ".old", AtomicFolder.Existing(path));
        Assert.Equal("complete", Read(AtomicFolder.Existing(path)!));

        // The next run stages again; the complete folder is still there while it does.
        string staging = AtomicFolder.Stage(path);
        Assert.Equal("complete", Read(AtomicFolder.Existing(path)!));
        Fill(staging, "new");
        AtomicFolder.Commit(path);
        Assert.Equal("new", Read(path));
        Assert.False(Directory.Exists(path + ".old"));
    }

    [Fact]
    public void A_commit_that_fails_after_such_a_crash_still_leaves_the_complete_folder()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("f");
        Fill(path + ".old", "complete");
        // Nothing staged: the final rename fails, as a crash or a full disk would stop it.
        Assert.ThrowsAny<IOException>(() => AtomicFolder.Commit(path));
        Assert.Equal("complete", Read(AtomicFolder.Existing(path)!));
    }

    [Fact]
    public void A_leftover_old_beside_a_complete_folder_is_dropped()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("f");
        Fill(path, "current");
        Fill(path + ".old", "older");
        Assert.Equal(path, AtomicFolder.Existing(path));
        Fill(AtomicFolder.Stage(path), "next");
        AtomicFolder.Commit(path);
        Assert.Equal("next", Read(path));
        Assert.False(Directory.Exists(path + ".old"));
    }

    private static void Fill(string folder, string content)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "state.txt"), content);
    }

    private static string Read(string folder) => File.ReadAllText(Path.Combine(folder, "state.txt"));
}
