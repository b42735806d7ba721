using System.CommandLine;
using System.Runtime.InteropServices;
using HipFx.Torch;
using HipFx.Torch.Native;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx doctor</c>: what hipfx runs on. Exits 1 when torch cannot initialise or the requested device is missing.
/// </summary>
internal sealed class DoctorCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command(
            "doctor",
            "Report the hipfx version and commit, .NET, TorchSharp and libtorch (and where it was loaded from), "
            + "the Debian compatibility fix, CPU threads and the GPUs. Exits 1 when torch cannot initialise or --device is not available.");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            void Line(string key, string value) => output.WriteLine($"{key,-22} {value}");

            Line("hipfx", HipFxApp.Version);
            Line(".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
            Line("OS", RuntimeInformation.OSDescription);
            Line("TorchSharp", TorchRuntime.TorchSharpVersion);

            var (info, spec, _) = TorchStartup.Start(parse, globals);
            Line("libtorch", info.LibtorchVersion + (info.ExternalLibtorch ? " (--libtorch)" : " (bundled)"));
            Line("libtorch folder", info.LibtorchDirectory);
            Line("LibTorchSharp", info.LibTorchSharpPath);
            Line("GLIBCXX_3.4.32 on host", info.HostHasGlibcxx3432 ? "yes (no compatibility fix needed)" : "no");
            Line("Debian compat fix", info.CompatState switch
            {
                LibTorchSharpState.Patched => info.PatchedAtStartup ? "applied now, at start-up" : "applied (by the build)",
                LibTorchSharpState.NeedsFix => "not applied (not needed on this host)",
                _ => "not needed (library does not ask for GLIBCXX_3.4.32)",
            });
            Line("CPU threads", $"{info.CpuThreads} (of {Environment.ProcessorCount} logical CPUs)");
            Line("CUDA", info.CudaAvailable ? $"available, {info.CudaDeviceCount} device(s)" : "not available");
            var (gpus, problem) = GpuInventory.Read();
            foreach (var gpu in gpus)
            {
                Line($"GPU {gpu.Index}", $"{gpu.Name}, {gpu.TotalMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB ({gpu.FreeMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB free)");
            }
            if (gpus.Count == 0)
            {
                Line("GPUs", problem ?? "none");
            }
            Line("device", $"{spec} (ok)");
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
