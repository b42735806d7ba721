namespace HipFx.Torch;

/// <summary>How to load libtorch.</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>Environment variable naming an existing libtorch folder, used when no folder is given.</summary>
    public const string LibtorchEnvironmentVariable = "HIPFX_LIBTORCH";

    /// <summary>
    /// A folder holding libtorch (libtorch.so, libtorch_cpu.so, libc10.so, and for CUDA libtorch_cuda.so), for
    /// example a PyTorch install's <c>torch/lib</c>. Null: the libtorch bundled with this build, unless
    /// <see cref="LibtorchEnvironmentVariable"/> is set.
    /// </summary>
    public string? LibtorchDirectory { get; init; }

    /// <summary>The folder to use: the option, else the environment variable, else null (bundled).</summary>
    public string? ResolveLibtorchDirectory()
    {
        string? dir = LibtorchDirectory;
        if (string.IsNullOrWhiteSpace(dir))
        {
            dir = Environment.GetEnvironmentVariable(LibtorchEnvironmentVariable);
        }
        return string.IsNullOrWhiteSpace(dir) ? null : Path.GetFullPath(dir);
    }
}
