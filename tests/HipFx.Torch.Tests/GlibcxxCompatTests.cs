using System.Reflection;
using System.Security.Cryptography;
using HipFx.Tests;
using HipFx.Torch.Native;

namespace HipFx.Torch.Tests;

public class GlibcxxCompatTests
{
    /// <summary>The library exactly as the TorchSharp 0.107.0 package ships it (never patched in place).</summary>
    private static string PristineLibrary()
    {
        string dir = typeof(GlibcxxCompatTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TorchSharpPackageDir").Value!;
        return Path.Combine(dir, "runtimes", "linux-x64", "native", GlibcxxCompat.LibraryFileName);
    }

    [Fact]
    public void The_shipped_library_needs_the_fix_and_the_patched_copy_is_recognised()
    {
        byte[] original = File.ReadAllBytes(PristineLibrary());
        Assert.Equal(LibTorchSharpState.NeedsFix, GlibcxxCompat.Inspect(original));

        byte[] patched = GlibcxxCompat.Patch((byte[])original.Clone());

        Assert.Equal(LibTorchSharpState.Patched, GlibcxxCompat.Inspect(patched));
        Assert.Equal(original.Length, patched.Length);
        // Only the version need (hash + name offset), one version index and one symbol binding change.
        int changed = original.Zip(patched).Count(p => p.First != p.Second);
        Assert.InRange(changed, 3, 12);
    }

    [Fact]
    public void Ensure_loadable_patches_once_then_is_a_no_op()
    {
        using var temp = RepoPaths.NewTempFolder();
        string copy = temp.File(GlibcxxCompat.LibraryFileName);
        File.Copy(PristineLibrary(), copy);

        Assert.Equal(CompatOutcome.Patched, GlibcxxCompat.EnsureLoadable(copy, hostIsNewEnough: false));
        byte[] once = File.ReadAllBytes(copy);
        Assert.Equal(CompatOutcome.AlreadyPatched, GlibcxxCompat.EnsureLoadable(copy, hostIsNewEnough: false));
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left behind
    }

    [Fact]
    public void A_host_with_a_new_libstdcxx_leaves_the_library_untouched()
    {
        using var temp = RepoPaths.NewTempFolder();
        string copy = temp.File(GlibcxxCompat.LibraryFileName);
        File.Copy(PristineLibrary(), copy);
        byte[] before = SHA256.HashData(File.ReadAllBytes(copy));

        Assert.Equal(CompatOutcome.HostIsNewEnough, GlibcxxCompat.EnsureLoadable(copy, hostIsNewEnough: true));

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(copy)));
        Assert.Equal(LibTorchSharpState.NeedsFix, GlibcxxCompat.Inspect(copy));
    }

    [Fact]
    public void Files_that_are_not_libraries_are_left_alone_or_refused()
    {
        byte[] text = "not an ELF file at all, just some text"u8.ToArray();
        Assert.Equal(LibTorchSharpState.NotNeeded, GlibcxxCompat.Inspect(text));
        Assert.Throws<InvalidDataException>(() => GlibcxxCompat.Patch(text));

        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("libLibTorchSharp.so");
        File.WriteAllBytes(path, text);
        Assert.Equal(CompatOutcome.NotNeeded, GlibcxxCompat.EnsureLoadable(path, hostIsNewEnough: false));
    }

    [Fact]
    public void The_build_output_holds_a_loadable_library()
    {
        var info = TorchRuntime.EnsureInitialized();
        var state = GlibcxxCompat.Inspect(info.LibTorchSharpPath);
        if (info.HostHasGlibcxx3432)
        {
            Assert.Equal(LibTorchSharpState.NeedsFix, state); // untouched on a new host
        }
        else
        {
            Assert.Equal(LibTorchSharpState.Patched, state);
            Assert.False(info.PatchedAtStartup, "the build step should have patched the output already");
        }
    }

    [SkippableFact]
    public void Without_the_fix_an_old_host_cannot_load_the_shipped_library()
    {
        TorchRuntime.EnsureInitialized(); // libtorch itself is loaded, so only the version need can fail
        Skip.If(GlibcxxCompat.HostHasGlibcxx3432(), "this host's libstdc++ has GLIBCXX_3.4.32: the shipped library loads as it is");
        using var temp = RepoPaths.NewTempFolder();
        string copy = temp.File("libLibTorchSharpUnpatched.so");
        File.Copy(PristineLibrary(), copy);
        Assert.Equal(0, Libdl.Open(copy, Libdl.RtldNow));
        Assert.Contains("GLIBCXX_3.4.32", Libdl.LastError());
    }
}
