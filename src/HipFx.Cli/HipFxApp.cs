using System.CommandLine;
using System.Reflection;
using HipFx.Cli.Commands;
using HipFx.Core;

namespace HipFx.Cli;

/// <summary>
/// The <c>hipfx</c> command line: builds the command tree and maps outcomes to exit codes
/// (0 ok, 1 failure or bad data, 2 usage or configuration error).
/// </summary>
public static class HipFxApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public static RootCommand BuildRoot()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand(
            "hipfx: train and evaluate DAMO-YOLO-T to detect and classify hip fractures on AP radiographs.");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersionAction();
        }
        root.Options.Add(globals.Device);
        root.Options.Add(globals.Libtorch);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command.Build(globals));
        }
        return root;
    }

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = BuildRoot();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }
            stderr.WriteLine("Run 'hipfx --help' (or 'hipfx <command> --help') for usage.");
            return ExitUsage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (HipFxConfigException e)
        {
            stderr.WriteLine($"error: {OptionKeys.Rename(e, parsed).Message}");
            return ExitUsage;
        }
        catch (HipFxDataException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitFailure;
        }
        catch (HipFx.Torch.TorchLoadException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitFailure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("cancelled");
            return ExitFailure;
        }
        catch (ArgumentException e)
        {
            // A value a layer refused that no options record caught first: still a usage error, never a crash.
            stderr.WriteLine($"error: {e.Message}");
            return ExitUsage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No stack trace and no exit 134 for the user; HIPFX_DEBUG=1 shows where it came from.
            stderr.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("HIPFX_DEBUG") == "1")
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitFailure;
        }
    }

    /// <summary>Prints hipfx's own version (not the host process's, e.g. a test runner's).</summary>
    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitOk;
        }
    }

    /// <summary>The informational version (semantic version plus git commit when built from a checkout).</summary>
    public static string Version =>
        typeof(HipFxApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HipFxApp).Assembly.GetName().Version?.ToString() ?? "unknown";
}
