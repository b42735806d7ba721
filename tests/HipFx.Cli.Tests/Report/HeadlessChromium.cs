using System.Diagnostics;

namespace HipFx.Cli.Tests.Report;

/// <summary>
/// Debian's <c>chromium</c>, headless, for the report's browser test: <c>--dump-dom</c> (the DOM after parsing and
/// scripts, serialised) and <c>--screenshot</c>. Found as <c>$HIPFX_CHROMIUM</c>, else <c>chromium</c>,
/// <c>chromium-browser</c> or <c>google-chrome</c> on the PATH. Network is cut off (no proxy, every host unresolvable),
/// so a report that tried to fetch anything would fail to show it.
/// </summary>
internal sealed class HeadlessChromium(string executable)
{
    /// <summary>Set (to anything but 0) by <c>.ci/run</c>: a missing Chromium fails the test there instead of skipping it.</summary>
    public const string RequireVariable = "HIPFX_REQUIRE_CHROMIUM";

    public string Executable { get; } = executable;

    public static HeadlessChromium? Find()
    {
        if (Environment.GetEnvironmentVariable("HIPFX_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? new HeadlessChromium(configured) : null;
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            foreach (string folder in path)
            {
                string candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return new HeadlessChromium(candidate);
                }
            }
        }
        return null;
    }

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) is { Length: > 0 } v && v != "0";

    /// <summary>The serialised DOM of <paramref name="file"/>.</summary>
    public string DumpDom(string file, string profile) => Run(profile, "--dump-dom", new Uri(file).AbsoluteUri).Stdout;

    /// <summary>Saves a <paramref name="width"/> × <paramref name="height"/> screenshot of the top of <paramref name="file"/>.</summary>
    public void Screenshot(string file, string png, string profile, int width, int height) =>
        Run(profile, $"--screenshot={png}", $"--window-size={width},{height}", new Uri(file).AbsoluteUri);

    private (string Stdout, string Stderr) Run(string profile, params string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile}",
                 }.Concat(args))
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Executable} {string.Join(' ', args)} did not finish in 180 s");
        }
        Assert.True(process.ExitCode == 0, $"{Executable} exited {process.ExitCode}: {stderr.Result}");
        return (stdout.Result, stderr.Result);
    }
}
