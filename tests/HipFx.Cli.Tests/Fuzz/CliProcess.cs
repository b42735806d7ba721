using System.Diagnostics;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>One run of the real CLI (<c>dotnet hipfx.dll</c>) in a child process, with a time limit.</summary>
internal sealed record CliRun(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed);

/// <summary>Runs the built <c>hipfx.dll</c> as a user would: a child process, its own working folder, killed
/// (with its children) when it runs over the limit.</summary>
internal static class CliProcess
{
    /// <summary>The built CLI: <c>src/HipFx.Cli/bin/&lt;configuration&gt;/net10.0/hipfx.dll</c>, the configuration
    /// being the test assembly's.</summary>
    public static string Dll { get; } = FindDll();

    private static string FindDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = bin.Name, configuration = bin.Parent!.Name;
        string built = Path.Combine(HipFx.Tests.RepoPaths.Root, "src", "HipFx.Cli", "bin", configuration, framework, "hipfx.dll");
        return File.Exists(built) ? built : Path.Combine(bin.FullName, "hipfx.dll");
    }

    public static CliRun Run(IReadOnlyList<string> args, string workingDirectory, TimeSpan limit)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["HIPFX_SALT"] = "fuzz-salt";
        info.Environment["DOTNET_gcServer"] = "0";
        // A runaway allocation shows as an out-of-memory crash (a finding), not as a machine brought down.
        info.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
        info.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool finished = process.WaitForExit(limit);
        if (!finished)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
            process.WaitForExit();
        }
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10));
        string output = (stdout.IsCompletedSuccessfully ? stdout.Result : "") + "\n" + (stderr.IsCompletedSuccessfully ? stderr.Result : "");
        return new CliRun(finished ? process.ExitCode : -1, output, !finished, clock.Elapsed);
    }
}
