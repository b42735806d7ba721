using System.Diagnostics;

namespace HipFx.Data.Tests.Synth;

/// <summary>
/// Independent DICOM checkers, when installed: DCMTK's <c>dcmdump</c> (<c>apt-get install dcmtk</c>) parses a file;
/// dicom3tools' <c>dciodvfy</c> (<c>apt-get install dicom3tools</c>) checks it against the CR Image IOD.
/// </summary>
internal static class DicomTools
{
    public static string? Dcmdump { get; } = Find("dcmdump");

    public static string? Dciodvfy { get; } = Find("dciodvfy");

    /// <summary><c>dcmdump +E -M file</c>: errors to stderr, long values (pixel data) not loaded.</summary>
    public static (int ExitCode, string Output, string Errors) RunDcmdump(string file) => Run(Dcmdump ?? "dcmdump", "+E", "-M", file);

    /// <summary><c>dciodvfy file</c>: prints the IOD found, then one line per error or warning.</summary>
    public static (int ExitCode, string Output, string Errors) RunDciodvfy(string file) => Run(Dciodvfy ?? "dciodvfy", file);

    private static (int, string, string) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, saying why, when <c>dcmdump</c> is not on the PATH.</summary>
public sealed class DcmdumpFactAttribute : FactAttribute
{
    public DcmdumpFactAttribute()
    {
        if (DicomTools.Dcmdump is null)
        {
            Skip = "dcmdump (DCMTK) is not on the PATH: install it (apt-get install -y dcmtk) to check synthetic DICOM files with an independent reader";
        }
    }
}

/// <summary>A fact that is skipped, saying why, when <c>dciodvfy</c> is not on the PATH.</summary>
public sealed class DciodvfyFactAttribute : FactAttribute
{
    public DciodvfyFactAttribute()
    {
        if (DicomTools.Dciodvfy is null)
        {
            Skip = "dciodvfy (dicom3tools) is not on the PATH: install it (apt-get install -y dicom3tools) to check synthetic DICOM files against the CR IOD";
        }
    }
}
