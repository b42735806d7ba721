namespace HipFx.Cli.Commands;

/// <summary>
/// Every implemented command, in the order <c>hipfx --help</c> lists them.
/// Only implemented commands appear here: add one line per new command.
/// </summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICliCommand> All() =>
    [
        new DoctorCommand(),
        new SynthCommand(),
        new ConvertCommand(),
        new LintCommand(),
        new SplitCommand(),
        new ImportWeightsCommand(),
        new EvalCommand(),
        new PredictCommand(),
        new ReadersCommand(),
        new TrainCommand(),
        new CacheCommand(),
        new AugmentPreviewCommand(),
        new ReportCommand(),
        new Bench.BenchCommand(),
    ];
}
