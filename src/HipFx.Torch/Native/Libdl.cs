using System.Runtime.InteropServices;

namespace HipFx.Torch.Native;

/// <summary>
/// The few glibc dynamic-loader calls hipfx needs (Linux only). .NET's NativeLibrary loads lazily and
/// privately; hipfx needs eager binding (RTLD_NOW, so a missing symbol fails at start-up, not mid-run)
/// and global visibility (RTLD_GLOBAL, so libtorch's symbols serve libLibTorchSharp), and dlvsym to ask
/// whether the host's libstdc++ defines a versioned symbol.
/// </summary>
internal static partial class Libdl
{
    public const int RtldLazy = 0x0001;
    public const int RtldNow = 0x0002;
    public const int RtldGlobal = 0x0100;

    // Bind dlerror before any dlopen: the runtime resolves a P/Invoke target on its first call with dlsym,
    // which would clear the very error message we are about to read.
    static Libdl() => ErrorPointer();

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(string? path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "dlvsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint VersionedSymbol(nint handle, string symbol, string version);

    [LibraryImport("libc.so.6", EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Symbol(nint handle, string symbol);

    [LibraryImport("libc.so.6", EntryPoint = "dlerror")]
    private static partial nint ErrorPointer();

    /// <summary>The loader's last error text, or an empty string.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(ErrorPointer()) ?? string.Empty;
}
