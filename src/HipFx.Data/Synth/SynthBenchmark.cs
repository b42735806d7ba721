using System.Diagnostics;
using System.Text.Json;
using HipFx.Core.IO;

namespace HipFx.Data.Synth;

/// <summary>One row of the synth benchmark.</summary>
/// <remarks>
/// <see cref="CpuSeconds"/> is the process CPU time the stage used: on a shared machine, images per CPU second
/// is the per-core throughput even when wall time is inflated by other load.
/// </remarks>
public sealed record SynthBenchRow(string Stage, int Workers, int Images, double Seconds, double CpuSeconds)
{
    public double ImagesPerSecond => Images / Math.Max(Seconds, 1e-9);

    public double ImagesPerSecondPerWorker => ImagesPerSecond / Workers;

    public double ImagesPerCpuSecond => Images / Math.Max(CpuSeconds, 1e-9);
}

/// <summary>
/// Measures generation speed at a given size: scene sampling + rendering alone on one thread, then the
/// full pipeline (render, DICOM or PNG, VOC, manifest) on one thread and on all cores. Writes
/// <c>synth-bench.json</c>.
/// </summary>
public static class SynthBenchmark
{
    public static IReadOnlyList<SynthBenchRow> Run(SynthOptions options, int images)
    {
        options.Validate();
        var rows = new List<SynthBenchRow>();
        var bank = new TextureBank(options.Seed);
        var renderer = new RadiographRenderer(bank);
        var plans = DatasetPlanner.Plan(options with { Count = images });
        var buffers = new RenderBuffers(options.Size);
        // Warm-up (JIT) outside the clock.
        renderer.Render(SynthScene.Sample(plans[0], options.Size, options.Difficulty, options.Seed), buffers);
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        foreach (var plan in plans)
        {
            renderer.Render(SynthScene.Sample(plan, options.Size, options.Difficulty, options.Seed), buffers);
        }
        rows.Add(new SynthBenchRow("render", 1, plans.Count, clock.Elapsed.TotalSeconds, Cpu() - cpu));

        foreach (int workers in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            string folder = Path.Combine(options.OutputFolder, $"bench-{workers}");
            double before = Cpu();
            var summary = SyntheticDataset.Generate(options with { Count = images, Workers = workers, OutputFolder = folder, Preview = false });
            rows.Add(new SynthBenchRow($"render+write {options.Format.ToString().ToLowerInvariant()}", workers, summary.Images,
                summary.Elapsed.TotalSeconds, Cpu() - before));
        }

        var json = new
        {
            size = options.Size, format = options.Format.ToString().ToLowerInvariant(), images, cores = Environment.ProcessorCount,
            rows = rows.Select(r => new { stage = r.Stage, workers = r.Workers, images = r.Images, seconds = r.Seconds,
                cpu_seconds = r.CpuSeconds, images_per_second = r.ImagesPerSecond,
                images_per_second_per_worker = r.ImagesPerSecondPerWorker, images_per_cpu_second = r.ImagesPerCpuSecond }),
        };
        AtomicFile.WriteAllText(Path.Combine(options.OutputFolder, "synth-bench.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        return rows;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
