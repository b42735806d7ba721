using System.CommandLine;

namespace HipFx.Cli.Commands.Bench;

/// <summary>
/// <c>hipfx bench</c>: speed and memory of the parts of training, each sub-command printing a table and writing JSON
/// (<c>--json</c>). Targets are measured here, never asserted by timed tests.
/// </summary>
internal sealed class BenchCommand : ICliCommand
{
    /// <summary>The bench sub-commands: one line each.</summary>
    private static IReadOnlyList<ICliCommand> Parts() =>
    [
        new BenchDataCommand(),
        new BenchTrainCommand(),
        new BenchGoldenCommand(),
    ];

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("bench", "Measure speed and memory: images/s per phase and peak memory, as a table and a JSON file.");
        foreach (var part in Parts())
        {
            command.Subcommands.Add(part.Build(globals));
        }
        return command;
    }
}
