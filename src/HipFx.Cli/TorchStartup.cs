using System.CommandLine;
using HipFx.Torch;
using TorchSharp;

namespace HipFx.Cli;

/// <summary>Loads libtorch as the global options say and resolves <c>--device</c>, for commands that use torch.</summary>
internal static class TorchStartup
{
    public static (TorchRuntimeInfo Info, DeviceSpec Spec, IReadOnlyList<torch.Device> Devices) Start(ParseResult parse, GlobalOptions globals)
    {
        var spec = DeviceSpec.Parse(parse.GetValue(globals.Device) ?? "cpu");
        var info = TorchRuntime.Initialize(new TorchRuntimeOptions { LibtorchDirectory = parse.GetValue(globals.Libtorch)?.FullName });
        return (info, spec, TorchRuntime.Resolve(spec));
    }
}
