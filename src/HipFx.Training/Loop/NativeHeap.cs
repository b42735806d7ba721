using System.Runtime.InteropServices;

namespace HipFx.Training.Loop;

/// <summary>
/// glibc's malloc raises its mmap threshold each time a large mmapped block is freed (up to 32 MiB), after which
/// libtorch's per-step activation buffers come from the heap, fragment it and are not given back: the process grows
/// step after step while the live tensor count stays flat. Pinning the threshold (and the trim threshold) at 128 KiB,
/// as <c>MALLOC_MMAP_THRESHOLD_</c> would, keeps large buffers mmapped and returned at free. Measured here on the loop
/// test (64², batch 2, 50 steps): RSS +316 MiB without, +65 MiB with. Linux/glibc only; elsewhere a no-op.
/// </summary>
internal static class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int Threshold = 128 * 1024;

    /// <summary>Pins the thresholds once per process; returns false where it cannot (not glibc).</summary>
    public static bool PinMallocThresholds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return mallopt(MMmapThreshold, Threshold) == 1 && mallopt(MTrimThreshold, Threshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
