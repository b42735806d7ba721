using System.Diagnostics;

namespace HipFx.Bench;

/// <summary>Median and fastest of a measurement, in seconds.</summary>
internal readonly record struct Timing(double Median, double Min);

/// <summary>
/// Times an action: one untimed warm-up, then <c>repeats</c> timed runs; <paramref name="sync"/> runs after each
/// (a CUDA device synchronise, so queued kernels are inside the clock).
/// </summary>
internal sealed class BenchTimer(int repeats, Action sync)
{
    public Timing Measure(Action action)
    {
        action();
        sync();
        var times = new List<double>(repeats);
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            sync();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return new Timing(times[times.Count / 2], times[0]);
    }
}
