using System.Diagnostics;
using System.Text.Json;

namespace HipFx.Bench;

/// <summary>
/// What every hipfx benchmark reports about its host, and how it writes its JSON. Compiled into each bench project
/// (bench/Shared), so the JSON files in one folder share their keys.
/// </summary>
internal static partial class BenchHost
{
    /// <summary>The 1/5/15-minute load average (Linux), or "n/a": wall times on a loaded machine mostly measure waiting.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Peak resident set size of this process so far, in MiB.</summary>
    public static double PeakRssMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Writes <paramref name="result"/> as indented JSON, creating the folder; prints where.</summary>
    public static void WriteJson(string path, object result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"results written to {path}");
    }
}
