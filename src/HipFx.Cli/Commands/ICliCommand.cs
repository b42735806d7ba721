using System.CommandLine;

namespace HipFx.Cli.Commands;

/// <summary>
/// One <c>hipfx</c> sub-command: it declares its options and, when run, parses them into the owning
/// layer's options record and calls that layer. No domain logic lives in the CLI.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command, with its action set.</summary>
    Command Build(GlobalOptions globals);
}
