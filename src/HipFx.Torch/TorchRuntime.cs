using System.Reflection;
using HipFx.Torch.Native;
using TorchSharp;

namespace HipFx.Torch;

/// <summary>
/// Loads libtorch once per process, before any tensor is made: the bundled libtorch, or an existing one
/// (<see cref="TorchRuntimeOptions.LibtorchDirectory"/>) loaded eagerly so a missing symbol is reported at
/// start-up. On Linux hosts without GLIBCXX_3.4.32 it makes sure TorchSharp's native library carries the
/// compatibility fix (normally applied by the build; see <see cref="GlibcxxCompat"/>).
/// </summary>
/// <remarks>
/// Native libraries are process-wide, so this is the one place hipfx keeps process state: the first
/// successful initialisation is remembered and asking again with other options is an error.
/// </remarks>
public static class TorchRuntime
{
    /// <summary>The libtorch version TorchSharp 0.107 was built against.</summary>
    public const string ExpectedLibtorchVersion = "2.10.0";

    private static readonly Lock Gate = new();
    private static (string? Directory, TorchRuntimeInfo Info)? loaded;

    /// <summary>The TorchSharp assembly's version.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// What is loaded already, whichever options loaded it; otherwise initialises with the bundled libtorch
    /// (or HIPFX_LIBTORCH when set). Cheap after the first call.
    /// </summary>
    public static TorchRuntimeInfo EnsureInitialized()
    {
        lock (Gate)
        {
            if (loaded is { } done)
            {
                return done.Info;
            }
        }
        return Initialize(new TorchRuntimeOptions());
    }

    /// <summary>Loads libtorch as <paramref name="options"/> say; returns what was loaded.</summary>
    /// <exception cref="TorchLoadException">libtorch or TorchSharp's library cannot be loaded.</exception>
    public static TorchRuntimeInfo Initialize(TorchRuntimeOptions options)
    {
        string? external = options.ResolveLibtorchDirectory();
        lock (Gate)
        {
            if (loaded is { } done)
            {
                if (done.Directory != external)
                {
                    throw new InvalidOperationException(
                        $"libtorch is already loaded from {done.Info.LibtorchDirectory}; it cannot be reloaded from {external ?? "the bundled package"}.");
                }
                return done.Info;
            }
            var info = Load(external);
            loaded = (external, info);
            return info;
        }
    }

    /// <summary>Checks that <paramref name="spec"/>'s devices exist; returns the TorchSharp devices.</summary>
    /// <exception cref="TorchLoadException">A named GPU is not available.</exception>
    public static IReadOnlyList<torch.Device> Resolve(DeviceSpec spec)
    {
        var info = EnsureInitialized();
        if (spec.Kind == DeviceKind.Cuda)
        {
            if (!info.CudaAvailable)
            {
                throw new TorchLoadException(
                    $"--device {spec}: CUDA is not available (libtorch {info.LibtorchVersion} from {info.LibtorchDirectory}"
                    + (info.ExternalLibtorch ? "" : "; this build bundles the CPU libtorch: use --libtorch with a CUDA PyTorch's torch/lib, or build with -p:TorchBackend=cuda")
                    + ").");
            }
            var missing = spec.Indices.Where(i => i >= info.CudaDeviceCount).ToList();
            if (missing.Count > 0)
            {
                throw new TorchLoadException(
                    $"--device {spec}: GPU {string.Join(", ", missing)} not present; this machine has {info.CudaDeviceCount} (cuda:0..cuda:{info.CudaDeviceCount - 1}).");
            }
        }
        return spec.TorchDeviceNames.Select(n => torch.device(n)).ToArray();
    }

    private static TorchRuntimeInfo Load(string? externalDirectory)
    {
        string libTorchSharp = FindLibTorchSharp();
        bool hostNew = GlibcxxCompat.HostHasGlibcxx3432();
        bool patchedNow = false;
        if (OperatingSystem.IsLinux() && !hostNew && GlibcxxCompat.Inspect(libTorchSharp) == LibTorchSharpState.NeedsFix)
        {
            try
            {
                patchedNow = GlibcxxCompat.EnsureLoadable(libTorchSharp, hostIsNewEnough: false) == CompatOutcome.Patched;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new TorchLoadException(
                    $"{libTorchSharp} needs GLIBCXX_3.4.32, which this host's libstdc++ lacks, and hipfx could not apply its "
                    + $"compatibility fix: {e.Message}. Rebuild on this machine (the build applies the fix) or make the folder writable.", e);
            }
        }

        string bundledDir = Path.GetDirectoryName(libTorchSharp)!;
        LibtorchFolder? folder = null;
        if (externalDirectory is not null)
        {
            if (File.Exists(Path.Combine(bundledDir, "libtorch_cpu.so")))
            {
                throw new TorchLoadException(
                    $"--libtorch {externalDirectory}: this hipfx build bundles its own libtorch ({bundledDir}); two libtorch copies "
                    + "cannot share a process. Use a build without it: scripts/publish-linux-x64.sh, or dotnet build -p:TorchBackend=none.");
            }
            folder = LibtorchFolder.Open(externalDirectory);
            folder.LoadEagerly(libTorchSharp);
        }
        else if (OperatingSystem.IsLinux() && Libdl.Open(libTorchSharp, Libdl.RtldNow | Libdl.RtldGlobal) == 0)
        {
            throw new TorchLoadException(
                $"cannot load {libTorchSharp}: {Libdl.LastError()}"
                + (File.Exists(Path.Combine(bundledDir, "libtorch_cpu.so")) ? "" : ". This build has no bundled libtorch: pass --libtorch DIR or set HIPFX_LIBTORCH."));
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            throw new TorchLoadException($"TorchSharp could not initialise libtorch: {e.Message}", e);
        }

        bool cuda = false;
        int cudaCount = 0;
        if (folder is { HasCuda: true } || File.Exists(Path.Combine(bundledDir, "libtorch_cuda.so")))
        {
            cuda = torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available();
            cudaCount = cuda ? torch.cuda.device_count() : 0;
        }

        return new TorchRuntimeInfo
        {
            TorchSharpVersion = TorchSharpVersion,
            LibtorchVersion = folder?.Version ?? LibtorchFolder.DetectVersion(bundledDir) switch
            {
                "unknown" => ExpectedLibtorchVersion,
                var v => v,
            },
            LibtorchDirectory = folder?.Directory ?? bundledDir,
            ExternalLibtorch = folder is not null,
            LibTorchSharpPath = libTorchSharp,
            HostHasGlibcxx3432 = hostNew,
            CompatState = GlibcxxCompat.Inspect(libTorchSharp),
            PatchedAtStartup = patchedNow,
            CpuThreads = torch.get_num_threads(),
            CudaAvailable = cuda,
            CudaDeviceCount = cudaCount,
        };
    }

    /// <summary>The libLibTorchSharp.so that .NET will resolve for TorchSharp (build or publish layout).</summary>
    private static string FindLibTorchSharp()
    {
        string torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location) is { Length: > 0 } d ? d : AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(torchSharpDir, "runtimes", "linux-x64", "native", GlibcxxCompat.LibraryFileName),
            Path.Combine(torchSharpDir, GlibcxxCompat.LibraryFileName),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", GlibcxxCompat.LibraryFileName),
            Path.Combine(AppContext.BaseDirectory, GlibcxxCompat.LibraryFileName),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new TorchLoadException(
                $"{GlibcxxCompat.LibraryFileName} not found next to TorchSharp.dll ({torchSharpDir}) or the application ({AppContext.BaseDirectory}).");
    }
}
