using HipFx.Core.IO;

namespace HipFx.Torch.Native;

/// <summary>What <see cref="GlibcxxCompat"/> found in a libLibTorchSharp.so.</summary>
public enum LibTorchSharpState
{
    /// <summary>The library needs nothing newer than the host has, or is not an ELF we understand.</summary>
    NotNeeded,

    /// <summary>The library needs GLIBCXX_3.4.32 (TorchSharp 0.107's build on a GCC 13 host).</summary>
    NeedsFix,

    /// <summary>The library was rewritten by this fix earlier.</summary>
    Patched,
}

/// <summary>What <see cref="GlibcxxCompat.EnsureLoadable"/> did.</summary>
public enum CompatOutcome
{
    /// <summary>The host's libstdc++ has GLIBCXX_3.4.32: the file was left untouched.</summary>
    HostIsNewEnough,

    /// <summary>The file needs no fix: it does not ask for GLIBCXX_3.4.32.</summary>
    NotNeeded,

    /// <summary>The file had been patched before; nothing was written.</summary>
    AlreadyPatched,

    /// <summary>The file was patched now.</summary>
    Patched,
}

/// <summary>
/// Makes TorchSharp 0.107's <c>libLibTorchSharp.so</c> load on hosts whose libstdc++ is older than GCC 13
/// (Debian 12 ships GCC 12: GLIBCXX up to 3.4.30).
///
/// Why it is safe: the library was built with GCC 13, whose &lt;iostream&gt; makes every object file
/// reference <c>std::ios_base_library_init()</c> (<c>_ZSt21ios_base_library_initv@GLIBCXX_3.4.32</c>) only
/// to pull in a libstdc++ that initialises the standard streams itself. Nothing calls it and no relocation
/// uses it; every other C++ symbol the library imports is at GLIBCXX_3.4.30 or older. Only the version need
/// stops the loader. The fix edits three things in place, keeping the file's size and layout:
/// <list type="number">
/// <item>the need for <c>GLIBCXX_3.4.32</c> is renamed to <c>GLIBCXX_3.4.30</c> (a version the library
/// already needs, so the host is known to have it);</item>
/// <item>the marker symbol's version is cleared (it binds to any definition);</item>
/// <item>the marker symbol is made weak, so it may stay undefined on the older host.</item>
/// </list>
/// On a host whose libstdc++ defines the versioned symbol, nothing is changed. Applying it twice is a no-op.
/// Written against TorchSharp 0.107.0; a library with any other 3.4.32 import is refused, not patched.
/// </summary>
public static class GlibcxxCompat
{
    /// <summary>The library file name TorchSharp loads.</summary>
    public const string LibraryFileName = "libLibTorchSharp.so";

    private const string NeededVersion = "GLIBCXX_3.4.32";
    private const string AvailableVersion = "GLIBCXX_3.4.30";
    private const string MarkerSymbol = "_ZSt21ios_base_library_initv";
    private const string StdCxx = "libstdc++.so.6";

    /// <summary>
    /// Whether this process's libstdc++ defines <c>std::ios_base_library_init()</c> at GLIBCXX_3.4.32,
    /// asked of the dynamic loader itself (so LD_LIBRARY_PATH and the loader cache count). False off Linux.
    /// </summary>
    public static bool HostHasGlibcxx3432()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        nint handle = Libdl.Open(StdCxx, Libdl.RtldLazy);
        return handle != 0 && Libdl.VersionedSymbol(handle, MarkerSymbol, NeededVersion) != 0;
    }

    /// <summary>Reads <paramref name="path"/> and says whether it needs, or already has, the fix.</summary>
    public static LibTorchSharpState Inspect(string path) => Inspect(File.ReadAllBytes(path));

    /// <summary>Says whether the library bytes need, or already have, the fix.</summary>
    public static LibTorchSharpState Inspect(byte[] library)
    {
        var elf = ElfVersionNeeds.TryParse(library);
        if (elf is null)
        {
            return LibTorchSharpState.NotNeeded;
        }
        if (elf.Needs().Any(n => n.File == StdCxx && n.Name == NeededVersion))
        {
            return LibTorchSharpState.NeedsFix;
        }
        var marker = elf.FindSymbol(MarkerSymbol);
        return marker is { Undefined: true, Binding: 2 } && elf.VersionIndexOf(marker.Index) == 1
            ? LibTorchSharpState.Patched
            : LibTorchSharpState.NotNeeded;
    }

    /// <summary>
    /// Returns the patched bytes of a library that <see cref="LibTorchSharpState.NeedsFix"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The library's layout is not the one this fix understands.</exception>
    public static byte[] Patch(byte[] library)
    {
        var elf = ElfVersionNeeds.TryParse(library)
            ?? throw new InvalidDataException("not a 64-bit little-endian ELF shared object with symbol versions");
        var needs = elf.Needs().Where(n => n.File == StdCxx).ToList();
        var tooNew = needs.Where(n => n.Name == NeededVersion).ToList();
        if (tooNew.Count == 0)
        {
            return library;
        }
        var available = needs.FirstOrDefault(n => n.Name == AvailableVersion)
            ?? throw new InvalidDataException($"it needs {NeededVersion} but not {AvailableVersion}; refusing to guess");
        foreach (var need in tooNew)
        {
            var users = elf.SymbolsWithVersion(need.Index).ToList();
            var unexpected = users.Where(s => s.Name != MarkerSymbol).Select(s => s.Name).ToList();
            if (unexpected.Count > 0)
            {
                throw new InvalidDataException(
                    $"symbols other than {MarkerSymbol} need {NeededVersion} ({string.Join(", ", unexpected.Take(5))}); "
                    + "this library needs a newer libstdc++ for real: use a host with GCC 13's libstdc++");
            }
            elf.RenameNeed(need, available);
            foreach (var symbol in users)
            {
                elf.ClearVersionAndWeaken(symbol);
            }
        }
        return elf.Bytes;
    }

    /// <summary>
    /// Makes the library at <paramref name="path"/> loadable on this host: patches it in place (through a
    /// temporary file and an atomic rename, keeping its permissions) when the host lacks GLIBCXX_3.4.32
    /// and the library needs it; otherwise leaves it untouched.
    /// </summary>
    /// <param name="path">A libLibTorchSharp.so.</param>
    /// <param name="hostIsNewEnough">Override of <see cref="HostHasGlibcxx3432"/> (tests).</param>
    public static CompatOutcome EnsureLoadable(string path, bool? hostIsNewEnough = null)
    {
        if (hostIsNewEnough ?? HostHasGlibcxx3432())
        {
            return CompatOutcome.HostIsNewEnough;
        }
        byte[] original = File.ReadAllBytes(path);
        switch (Inspect(original))
        {
            case LibTorchSharpState.NotNeeded:
                return CompatOutcome.NotNeeded;
            case LibTorchSharpState.Patched:
                return CompatOutcome.AlreadyPatched;
        }
        byte[] patched;
        try
        {
            patched = Patch(original);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: cannot apply the GLIBCXX_3.4.32 compatibility fix: {e.Message}", e);
        }
        AtomicFile.WriteAllBytes(path, patched); // keeps the library's permissions
        return CompatOutcome.Patched;
    }
}
