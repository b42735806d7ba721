using HipFx.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Bench;

/// <summary>A started torch benchmark: the runtime it loaded, its device, and a timer that synchronises that device.</summary>
internal sealed record TorchBenchSession(TorchRuntimeInfo Info, Device Device, BenchTimer Timer);

// The torch part of BenchHost, compiled only into the benchmarks that reference TorchSharp.
internal static partial class BenchHost
{
    /// <summary>
    /// Loads libtorch, sets the intra-op threads, prints the header line every torch benchmark starts with (versions,
    /// device, threads, cores, load average) and returns the session; its timer synchronises a CUDA device after each
    /// run, so queued kernels are inside the clock.
    /// </summary>
    public static TorchBenchSession Start(string tool, bool quick, int threads, string deviceName, int repeats)
    {
        var info = TorchRuntime.EnsureInitialized();
        set_num_threads(threads);
        var device = torch.device(deviceName);
        Console.WriteLine($"{tool}{(quick ? " (quick)" : "")}: TorchSharp {info.TorchSharpVersion}, libtorch {info.LibtorchVersion}, "
            + $"device {device}, {get_num_threads()} threads, {Environment.ProcessorCount} cores visible, load average {LoadAverage()}, "
            + $"repeats {repeats} after a warm-up (median and min)");
        var timer = new BenchTimer(repeats, () =>
        {
            if (device.type == DeviceType.CUDA)
            {
                cuda.synchronize(device);
            }
        });
        return new TorchBenchSession(info, device, timer);
    }
}
