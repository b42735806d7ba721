using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>The outcome of one case and what it broke (empty: it held).</summary>
internal sealed record FuzzOutcome(FuzzCase Case, CliRun Run, IReadOnlyList<string> Broken);

/// <summary>Runs cases against the real CLI, two at a time, and checks each against the rules of issue 17.</summary>
internal static class FuzzRunner
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(40);

    public static (IReadOnlyList<FuzzOutcome> Outcomes, TimeSpan Elapsed) Run(IEnumerable<FuzzCase> cases, FuzzCorpus corpus, string scratch, int parallelism)
    {
        var outcomes = new ConcurrentBag<FuzzOutcome>();
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
        return (outcomes.OrderBy(o => o.Case.Id, StringComparer.Ordinal).ToList(), clock.Elapsed);
    }

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
        if (run.ExitCode is 1 or 2 && !prepared.Mentions.Any(m => run.Output.Contains(m, StringComparison.Ordinal)))
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
    public static string Summary(string title, IReadOnlyList<FuzzOutcome> outcomes, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine($"{title}: {outcomes.Count} cases in {elapsed.TotalSeconds:0.0} s ({outcomes.Count / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} cases/s)");
        text.AppendLine("exit codes: " + string.Join(", ", outcomes.GroupBy(o => o.Run.TimedOut ? "timeout" : o.Run.ExitCode.ToString())
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
        text.AppendLine("targets: " + string.Join(", ", outcomes.GroupBy(o => o.Case.Target).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} (max {g.Max(o => o.Run.Elapsed.TotalSeconds):0.0} s)")));
        var broken = outcomes.Where(o => o.Broken.Count > 0).ToList();
        text.AppendLine($"broken: {broken.Count}");
        foreach (var o in broken.Take(25))
        {
            text.AppendLine($"- {o.Case.Id}: {string.Join("; ", o.Broken)}");
            string tail = o.Run.Output.Length > 600 ? o.Run.Output[^600..] : o.Run.Output;
            text.AppendLine("    " + tail.Replace("\n", "\n    ", StringComparison.Ordinal));
        }
        return text.ToString();
    }
}
