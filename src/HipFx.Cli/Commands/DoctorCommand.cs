using System.CommandLine;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx doctor</c>: what hipfx runs on (placeholder until the torch runtime lands).</summary>
internal sealed class DoctorCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var command = new Command("doctor", "Report hipfx, .NET, TorchSharp and libtorch versions, the native-library fix and the devices.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine($"hipfx {HipFxApp.Version}");
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
