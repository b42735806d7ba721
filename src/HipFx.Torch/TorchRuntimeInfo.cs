using HipFx.Torch.Native;

namespace HipFx.Torch;

/// <summary>What <see cref="TorchRuntime.Initialize"/> loaded, and from where (reported by <c>hipfx doctor</c>).</summary>
public sealed record TorchRuntimeInfo
{
    public required string TorchSharpVersion { get; init; }

    /// <summary>The libtorch version: detected for an external folder, the bundled package's otherwise.</summary>
    public required string LibtorchVersion { get; init; }

    /// <summary>The folder libtorch was loaded from.</summary>
    public required string LibtorchDirectory { get; init; }

    /// <summary>True when libtorch came from <c>--libtorch</c> / HIPFX_LIBTORCH.</summary>
    public required bool ExternalLibtorch { get; init; }

    /// <summary>The libLibTorchSharp.so loaded.</summary>
    public required string LibTorchSharpPath { get; init; }

    /// <summary>Whether the host's libstdc++ has GLIBCXX_3.4.32 (then no fix is ever needed).</summary>
    public required bool HostHasGlibcxx3432 { get; init; }

    /// <summary>The state of the loaded libLibTorchSharp.so with respect to the Debian compatibility fix.</summary>
    public required LibTorchSharpState CompatState { get; init; }

    /// <summary>True when this process had to patch the library itself (the build step had not).</summary>
    public required bool PatchedAtStartup { get; init; }

    public required int CpuThreads { get; init; }

    public required bool CudaAvailable { get; init; }

    public required int CudaDeviceCount { get; init; }
}
