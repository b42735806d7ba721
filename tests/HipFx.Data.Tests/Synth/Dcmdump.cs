using System.Diagnostics;

namespace HipFx.Data.Tests.Synth;

/// <summary>DCMTK's <c>dcmdump</c>, an independent DICOM reader, when installed (<c>apt-get install dcmtk</c>).</summary>
internal static class Dcmdump
{
    public static string? Path { get; } = Find();

    public static (int ExitCode, string Output, string Errors) Run(string file)
    {
        var start = new ProcessStartInfo(Path ?? "dcmdump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // +E: print errors to stderr; -M: do not load long element values (the pixel data) into the dump.
        start.ArgumentList.Add("+E");
        start.ArgumentList.Add("-M");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "dcmdump"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, saying why, when <c>dcmdump</c> is not on the PATH.</summary>
public sealed class DcmdumpFactAttribute : FactAttribute
{
    public DcmdumpFactAttribute()
    {
        if (Dcmdump.Path is null)
        {
            Skip = "dcmdump (DCMTK) is not on the PATH: install it (apt-get install -y dcmtk) to check synthetic DICOM files with an independent reader";
        }
    }
}
