using System.Runtime.InteropServices;

namespace HipFx.Torch.Native;

/// <summary>
/// glibc's heap (Linux): <see cref="Trim"/> hands free heap pages back to the OS (malloc_trim). libtorch's CPU
/// tensors come from malloc; a training step frees all of its tensors at once at the end of its dispose scope, and
/// glibc's growing mmap threshold then serves the next step's large blocks from fragmented arenas, so the resident
/// size creeps up step after step although no tensor is alive. <see cref="Trim"/> every few steps keeps it flat
/// (<c>step.trim_native_heap_every</c>). Pinning glibc's mmap threshold at 128 KiB (mallopt) was tried as well: it
/// kept RSS lower (about 450 MiB against 1,150 at 256², batch 8) but made every large block an mmap with its page
/// faults, and the step 45% slower (3.6 against 5.2 images/s on 2 cores), so it is not used.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Returns free heap memory to the OS; no-op off glibc.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // not glibc (musl): nothing to trim
        }
        catch (DllNotFoundException)
        {
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
