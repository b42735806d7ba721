using System.Runtime.InteropServices;
using System.Text;

namespace HipFx.Torch;

/// <summary>One GPU as the NVIDIA driver reports it.</summary>
public sealed record GpuInfo(int Index, string Name, long TotalMemoryBytes, long FreeMemoryBytes);

/// <summary>
/// Names and memory of the NVIDIA GPUs, read from the driver's NVML library (libnvidia-ml.so.1), which
/// every NVIDIA driver installs; TorchSharp 0.107 exposes neither device names nor memory.
/// </summary>
public static unsafe class GpuInventory
{
    /// <summary>The GPUs, or an empty list and the reason when there is no NVIDIA driver.</summary>
    public static (IReadOnlyList<GpuInfo> Gpus, string? Problem) Read()
    {
        if (!NativeLibrary.TryLoad("libnvidia-ml.so.1", out nint lib))
        {
            return ([], "no NVIDIA driver (libnvidia-ml.so.1 not found)");
        }
        var init = (delegate* unmanaged<int>)NativeLibrary.GetExport(lib, "nvmlInit_v2");
        var count = (delegate* unmanaged<uint*, int>)NativeLibrary.GetExport(lib, "nvmlDeviceGetCount_v2");
        var handle = (delegate* unmanaged<uint, nint*, int>)NativeLibrary.GetExport(lib, "nvmlDeviceGetHandleByIndex_v2");
        var name = (delegate* unmanaged<nint, byte*, uint, int>)NativeLibrary.GetExport(lib, "nvmlDeviceGetName");
        var memory = (delegate* unmanaged<nint, ulong*, int>)NativeLibrary.GetExport(lib, "nvmlDeviceGetMemoryInfo");
        int rc = init();
        if (rc != 0)
        {
            return ([], $"NVML could not start (error {rc})");
        }
        uint n = 0;
        if (count(&n) != 0)
        {
            return ([], "NVML could not count the GPUs");
        }
        var gpus = new List<GpuInfo>();
        byte* buffer = stackalloc byte[96];
        ulong* mem = stackalloc ulong[3]; // nvmlMemory_t: total, free, used
        for (uint i = 0; i < n; i++)
        {
            nint device;
            if (handle(i, &device) != 0)
            {
                continue;
            }
            string gpuName = name(device, buffer, 96) == 0 ? Marshal.PtrToStringUTF8((nint)buffer) ?? "?" : "?";
            bool hasMemory = memory(device, mem) == 0;
            gpus.Add(new GpuInfo((int)i, gpuName, hasMemory ? (long)mem[0] : -1, hasMemory ? (long)mem[1] : -1));
        }
        return (gpus, null);
    }
}
