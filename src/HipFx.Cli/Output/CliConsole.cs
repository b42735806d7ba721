using Spectre.Console;

namespace HipFx.Cli.Output;

/// <summary>
/// The Spectre console every command writes tables through: colours and live widgets only on the real,
/// unredirected terminal; plain text of a fixed width otherwise (files, pipes, tests), so output is stable.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole For(TextWriter output, int width = 160)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = terminal ? Math.Max(width, console.Profile.Width) : width;
        return console;
    }
}
