using System.Diagnostics;
using System.Text.Json;
using HipFx.Data.Augment;
using HipFx.Data.Cache;
using HipFx.Data.Images;

namespace HipFx.Training.Pipeline;

/// <summary>One row of <c>hipfx bench data</c>: a phase, its images, seconds, and rates.</summary>
public sealed record DataBenchRow(string Phase, int Images, double Seconds, double CpuSeconds, int Workers)
{
    /// <summary>Images per second of this process's CPU time: the per-core rate that other load on a shared machine does not bend.</summary>
    public double ImagesPerCpuSecond => Images / Math.Max(CpuSeconds, 1e-9);

    public double ImagesPerSecond => Images / Math.Max(Seconds, 1e-9);

    public double ImagesPerSecondPerCore => ImagesPerSecond / Math.Max(1, Math.Min(Workers, Environment.ProcessorCount));
}

/// <summary>The result of <c>hipfx bench data</c>.</summary>
public sealed record DataBenchResult(int Size, int BatchSize, int Workers, int Cores, IReadOnlyList<DataBenchRow> Rows, long PeakWorkingSetBytes)
{
    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(new
    {
        size = Size,
        batch = BatchSize,
        workers = Workers,
        cores = Cores,
        peak_working_set_bytes = PeakWorkingSetBytes,
        phases = Rows.Select(r => new { phase = r.Phase, images = r.Images, seconds = r.Seconds, images_per_s = r.ImagesPerSecond, images_per_s_per_core = r.ImagesPerSecondPerCore, cpu_seconds = r.CpuSeconds, images_per_cpu_s = r.ImagesPerCpuSecond }),
    }, new JsonSerializerOptions { WriteIndented = true }));
}

/// <summary>
/// Measures the data pipeline: the cold pass (decode, map, resize into a fresh cache) and warm epochs (augmented
/// batches from the cache, mosaic on, and in the no-aug phase). Speed is measured here, never asserted in tests.
/// </summary>
public static class DataBench
{
    private static TimeSpan CpuNow(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static double CpuSince(Process process, TimeSpan start) => (CpuNow(process) - start).TotalSeconds;

    public static DataBenchResult Run(IReadOnlyList<TrainingImage> images, int size, int batchSize, int workers, int warmBatches,
        IntensityMapping mapping, string scratchFolder)
    {
        var rows = new List<DataBenchRow>();
        string cacheRoot = Path.Combine(scratchFolder, "bench-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var process = Process.GetCurrentProcess();
            var clock = Stopwatch.StartNew();
            var cpu = process.TotalProcessorTime;
            using var data = CachedDataset.Open(images, cacheRoot, size, mapping, TrainingDataOptions.Default, workers);
            rows.Add(new DataBenchRow("cold (decode + map + resize)", data.Decoded, clock.Elapsed.TotalSeconds, CpuSince(process, cpu), workers));
            int batch = Math.Min(batchSize, data.Count);
            foreach (var (phase, epoch) in new[] { ("warm, mosaic + affine + mixup", 0), ("warm, no-aug phase (flip only)", 1) })
            {
                using var source = new AugmentedBatchSource(data, AugmentOptions.Default with { NoAugEpochs = 1 },
                    new LoaderOptions { Workers = workers, PrefetchBatches = 2 }, batch, totalEpochs: 2, seed: 1);
                int built = 0;
                clock.Restart();
                cpu = CpuNow(process);
                while (built < warmBatches)
                {
                    foreach (var b in source.Epoch(epoch))
                    {
                        b.Dispose();
                        if (++built >= warmBatches)
                        {
                            break;
                        }
                    }
                }
                rows.Add(new DataBenchRow(phase, built * batch, clock.Elapsed.TotalSeconds, CpuSince(process, cpu), workers));
            }
            process.Refresh();
            return new DataBenchResult(size, batch, workers, Environment.ProcessorCount, rows, process.PeakWorkingSet64);
        }
        finally
        {
            try
            {
                Directory.Delete(cacheRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
