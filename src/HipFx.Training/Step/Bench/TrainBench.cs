using System.Diagnostics;
using System.Text.Json;
using HipFx.Model;
using HipFx.Training.Ema;
using HipFx.Training.Optim;
using HipFx.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Step.Bench;

/// <summary>
/// <c>hipfx bench train</c>: the training step as the loop runs it (synthetic batches already on the host, the step
/// on its replicas, then SGD with Nesterov momentum and weight decay, an EMA update and the replica sync), timed per
/// phase with <see cref="TrainStep.MeasurePhases"/>.
/// </summary>
public static class TrainBench
{
    private const int DistinctBatches = 4;

    /// <summary>Runs the benchmark; <paramref name="progress"/> gets one line per step.</summary>
    public static TrainBenchResult Run(TrainBenchOptions options, Action<string>? progress = null)
    {
        options = options.Validate();
        var info = TorchRuntime.EnsureInitialized();
        var devices = TrainStep.DevicesFor(options.Device, options.Step);
        var batches = Enumerable.Range(0, DistinctBatches).Select(i => new SyntheticTrainingBatch(options.Batch, options.Size, seed: 100 + i)).ToArray();

        manual_seed(0);
        using var model = DamoYolo.Tiny(4);
        model.to(devices[0]);
        model.train();
        using var step = TrainStep.Create(model, devices, options.Step);
        step.MeasurePhases = true;
        // The loop's own optimizer (official decay groups, Nesterov) and EMA, so the bench times the step training runs.
        using var sgd = ParamGroups.CreateSgd(model, new OptimizerOptions());
        ParamGroups.SetLearningRate(sgd, new OptimizerOptions().BaseLr(options.Batch));
        using var ema = new ModelEma(model, () => DamoYolo.Tiny(4), new EmaOptions());

        var phases = new Dictionary<string, double>
        {
            ["data wait"] = 0, ["to device"] = 0, ["forward"] = 0, ["assigner+loss"] = 0, ["backward"] = 0, ["reduce"] = 0, ["optimizer+EMA"] = 0,
        };
        double measured = 0;
        // Without warm-up the first measured step starts now (dividing by Steps − 1 made one step infinite in the JSON).
        TimeSpan cpuStart = options.Warmup == 0 ? CpuTime() : TimeSpan.Zero;
        double rssFirst = 0;
        double rssLast = 0;
        long liveFirst = 0;
        long liveLast = 0;
        double? gpuPeak = null;
        double loss = double.NaN;
        for (int i = 0; i < options.Warmup + options.Steps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var batch = batches[i % DistinctBatches];
            long t1 = Stopwatch.GetTimestamp();
            var result = step.Run(batch);
            long t2 = Stopwatch.GetTimestamp();
            using (NewDisposeScope())
            {
                if (result.Finite)
                {
                    sgd.step();
                    ema.Update(i);
                }
                step.SyncReplicas();
                if (devices[0].type == DeviceType.CUDA)
                {
                    cuda.synchronize(devices[0]);
                }
            }
            long t3 = Stopwatch.GetTimestamp();
            loss = result.Total;
            double rss = CurrentRssMiB();
            long tensors = LiveTensors();
            gpuPeak = MaxGpu(gpuPeak, devices);
            if (i == options.Warmup - 1)
            {
                cpuStart = CpuTime();
            }
            if (i == options.Warmup)
            {
                rssFirst = rss;
                liveFirst = tensors;
            }
            rssLast = rss;
            liveLast = tensors;
            double stepSeconds = Stopwatch.GetElapsedTime(t0, t3).TotalSeconds;
            if (i >= options.Warmup)
            {
                var p = step.LastPhases!;
                measured += stepSeconds;
                phases["data wait"] += Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
                phases["to device"] += p.ToDevice;
                phases["forward"] += p.Forward;
                phases["assigner+loss"] += p.AssignAndLoss;
                phases["backward"] += p.Backward;
                phases["reduce"] += p.Reduce;
                phases["optimizer+EMA"] += Stopwatch.GetElapsedTime(t2, t3).TotalSeconds;
            }
            progress?.Invoke(FormattableString.Invariant(
                $"step {i + 1}/{options.Warmup + options.Steps}{(i < options.Warmup ? " (warm-up)" : "")}: {stepSeconds * 1000:F0} ms, loss {result.Total:F3}, RSS {rss:F0} MiB (.NET heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MiB, {GC.CollectionCount(0)} GCs), live tensors {tensors}"));
        }
        double cpuPerStep = (CpuTime() - cpuStart).TotalSeconds / options.Steps;
        var perStep = phases.ToDictionary(kv => kv.Key, kv => kv.Value * 1000 / options.Steps);
        var result2 = new TrainBenchResult(
            options.Device.ToString(), devices.Count, options.Step.Bf16, options.Step.ChannelsLast, options.Size, options.Batch, options.Steps, get_num_threads(),
            options.Batch * options.Steps / measured, measured * 1000 / options.Steps, cpuPerStep * 1000, perStep, PeakRssMiB(), rssFirst, rssLast, gpuPeak,
            liveFirst, liveLast, loss, LoadAverage(), info.TorchSharpVersion, info.LibtorchVersion, DateTimeOffset.UtcNow);
        Write(options.Json, result2);
        return result2;
    }

    private static void Write(string path, TrainBenchResult result)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Core.IO.AtomicFile.WriteAllText(full, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
    }

    /// <summary>Tensors alive on this thread and, approximately, in the process (TorchSharp's own counter).</summary>
    private static long LiveTensors() => Tensor.TotalCount;

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double? MaxGpu(double? peak, IReadOnlyList<Device> devices)
    {
        if (devices[0].type != DeviceType.CUDA)
        {
            return null;
        }
        var (gpus, _) = GpuInventory.Read();
        var used = gpus.Where(g => devices.Any(d => d.index == g.Index)).Select(g => (g.TotalMemoryBytes - g.FreeMemoryBytes) / (1024.0 * 1024)).DefaultIfEmpty(0).Max();
        return Math.Max(peak ?? 0, used);
    }

    /// <summary>Resident set size now (VmRSS), MiB.</summary>
    public static double CurrentRssMiB() => ProcStatus("VmRSS:");

    /// <summary>Peak resident set size (VmHWM), MiB.</summary>
    public static double PeakRssMiB() => ProcStatus("VmHWM:");

    private static double ProcStatus(string key)
    {
        if (!File.Exists("/proc/self/status"))
        {
            using var process = Process.GetCurrentProcess();
            return (key == "VmHWM:" ? process.PeakWorkingSet64 : process.WorkingSet64) / (1024.0 * 1024);
        }
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
