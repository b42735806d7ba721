using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>The outcome of one case and what it broke (empty: it held).</summary>
internal sealed record FuzzOutcome(FuzzCase Case, CliRun Run, IReadOnlyList<string> Broken)
{
    /// <summary>Broken, but listed in <see cref="FuzzCases.AwaitingOptionsRule"/> (and not crashing the machine).</summary>
    public bool Expected => Broken.Count > 0 && Case.OptionKey is { } key && FuzzCases.AwaitingOptionsRule.Contains(key);

    /// <summary>Broken and not expected: a finding.</summary>
    public bool Finding => Broken.Count > 0 && !Expected;
}

/// <summary>Runs cases against the real CLI, two at a time, and checks each against the rules of issue 17.</summary>
internal static class FuzzRunner
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(40);

    public static (IReadOnlyList<FuzzOutcome> Outcomes, TimeSpan Elapsed, double ChildCpuSeconds) Run(IEnumerable<FuzzCase> cases, FuzzCorpus corpus, string scratch, int parallelism)
    {
        var outcomes = new ConcurrentBag<FuzzOutcome>();
        var cpuBefore = ChildCpu();
        var clock = Stopwatch.StartNew();
        int n = 0;
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, c =>
        {
            using var world = new FuzzWorld(Path.Combine(scratch, $"case{Interlocked.Increment(ref n):D5}"), corpus);
            var prepared = c.Prepare(world);
            world.Seal();
            var run = CliProcess.Run(prepared.Args, world.In, prepared.Limit ?? DefaultLimit);
            outcomes.Add(new FuzzOutcome(c, run, Check(prepared, run, world).ToList()));
        });
        // CPU seconds (user + system) the children used: the time the run would take on idle cores, whatever the
        // load on the machine it was measured on.
        double cpu = (ChildCpu() - cpuBefore).TotalSeconds;
        return (outcomes.OrderBy(o => o.Case.Id, StringComparer.Ordinal).ToList(), clock.Elapsed, cpu);
    }

    private static TimeSpan ChildCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }
        var usage = new long[18];
        if (getrusage(-1, usage) != 0) // RUSAGE_CHILDREN: waited-for children
        {
            return TimeSpan.Zero;
        }
        double seconds = usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
        return TimeSpan.FromSeconds(seconds);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, long[] usage);

    /// <summary>Exit 0, 1 or 2 only; no unhandled exception; within the time limit; a failure names its file or
    /// option; nothing read or written outside in/ and out/; an all-or-nothing output absent after a failure;
    /// no temporary file left in out/.</summary>
    private static IEnumerable<string> Check(PreparedCase prepared, CliRun run, FuzzWorld world)
    {
        if (run.TimedOut)
        {
            yield return $"ran over the {(prepared.Limit ?? DefaultLimit).TotalSeconds:0} s limit (a hang)";
        }
        else if (run.ExitCode is not (0 or 1 or 2))
        {
            yield return $"exit code {run.ExitCode}";
        }
        if (run.Output.Contains("Unhandled exception", StringComparison.Ordinal) || run.Output.Contains("   at HipFx.", StringComparison.Ordinal))
        {
            yield return "unhandled exception / stack trace printed";
        }
        // A failure names its file: one of the case's files, or any path inside the case's input folder (a mutated
        // manifest can point at a file the case did not name, e.g. "a/.xml").
        if (run.ExitCode is 1 or 2 && !prepared.Mentions.Any(m => run.Output.Contains(m, StringComparison.Ordinal))
            && !run.Output.Contains(world.In, StringComparison.Ordinal))
        {
            yield return $"failure names none of {string.Join(", ", prepared.Mentions)}";
        }
        if (run.Output.Length > 200_000)
        {
            yield return $"printed {run.Output.Length} characters (echoed input not cut)";
        }
        foreach (var trespass in world.Trespasses())
        {
            yield return trespass;
        }
        if (run.ExitCode != 0 && prepared.AllOrNothing is { } folder && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            yield return $"partial outputs left in {Path.GetFileName(folder)}/ after a failure";
        }
        foreach (var tmp in Directory.EnumerateFiles(world.Out, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            yield return $"temporary file left: {Path.GetRelativePath(world.Out, tmp)}";
        }
    }

    /// <summary>A summary: cases, exit codes, targets, time, and the first broken cases in full.</summary>
    public static string Summary(string title, IReadOnlyList<FuzzOutcome> outcomes, TimeSpan elapsed, double childCpuSeconds)
    {
        var text = new StringBuilder();
        text.AppendLine($"{title}: {outcomes.Count} cases in {elapsed.TotalSeconds:0.0} s wall ({outcomes.Count / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} cases/s); " +
            $"children used {childCpuSeconds:0} CPU s ({childCpuSeconds / Math.Max(outcomes.Count, 1):0.00} s a case, {childCpuSeconds / 2:0} s on 2 idle cores)");
        text.AppendLine("exit codes: " + string.Join(", ", outcomes.GroupBy(o => o.Run.TimedOut ? "timeout" : o.Run.ExitCode.ToString())
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
        text.AppendLine("targets: " + string.Join(", ", outcomes.GroupBy(o => o.Case.Target).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} (max {g.Max(o => o.Run.Elapsed.TotalSeconds):0.0} s)")));
        var findings = outcomes.Where(o => o.Finding).ToList();
        var expected = outcomes.Where(o => o.Expected).ToList();
        var closed = outcomes.Where(o => o.Case.OptionKey is { } k && FuzzCases.AwaitingOptionsRule.Contains(k))
            .GroupBy(o => o.Case.OptionKey!).Where(g => g.Count() == FuzzCases.HostileOptionValues.Length && g.All(o => o.Broken.Count == 0))
            .Select(g => g.Key).ToList();
        text.AppendLine($"findings: {findings.Count}; expected (awaiting the options rule): {expected.Count} in " +
            string.Join(", ", expected.Select(o => o.Case.OptionKey).Distinct()));
        if (closed.Count > 0)
        {
            text.AppendLine("gap closed (remove from FuzzCases.AwaitingOptionsRule): " + string.Join(", ", closed));
        }
        foreach (var o in findings.Take(200))
        {
            text.AppendLine($"- {o.Case.Id}: {string.Join("; ", o.Broken)}");
        }
        foreach (var o in findings.Take(10))
        {
            string tail = o.Run.Output.Length > 600 ? o.Run.Output[^600..] : o.Run.Output;
            text.AppendLine($"{o.Case.Id}:\n    " + tail.Replace("\n", "\n    ", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
