using System.CommandLine;

namespace HipFx.Cli;

/// <summary>Options every command accepts (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<string> Device { get; } = new("--device")
    {
        Description = "Where to run: cpu, cuda, cuda:0 or cuda:0,1 (several GPUs). Default: cpu.",
        DefaultValueFactory = _ => "cpu",
        Recursive = true,
    };

    public Option<DirectoryInfo?> Libtorch { get; } = new("--libtorch")
    {
        Description = "Load libtorch from this folder (e.g. a PyTorch install's torch/lib) instead of the bundled one. Also HIPFX_LIBTORCH.",
        Recursive = true,
    };
}
