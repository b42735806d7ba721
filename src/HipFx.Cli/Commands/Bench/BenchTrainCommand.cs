using System.CommandLine;
using System.Globalization;
using HipFx.Cli.Output;
using HipFx.Training.Step;
using HipFx.Training.Step.Bench;
using Spectre.Console;

namespace HipFx.Cli.Commands.Bench;

/// <summary><c>hipfx bench train</c>: training images/s with the per-phase split and peak memory.</summary>
internal sealed class BenchTrainCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var size = new Option<int>("--size") { Description = "Square input side in pixels (multiple of 32).", DefaultValueFactory = _ => 256 };
        var batch = new Option<int>("--batch") { Description = "Images per step, over all replicas.", DefaultValueFactory = _ => 8 };
        var steps = new Option<int>("--steps") { Description = "Measured steps.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Steps run before measuring.", DefaultValueFactory = _ => 3 };
        var replicas = new Option<int>("--replicas")
        {
            Description = "Model replicas on the CPU (data parallelism on one host; with --device cuda:0,1 there is one replica per GPU).",
            DefaultValueFactory = _ => 1,
        };
        var bf16 = new Option<bool>("--bf16") { Description = "bf16 autocast for forward/backward (float32 weights, optimizer and losses)." };
        var noTf32 = new Option<bool>("--no-tf32") { Description = "Turn TF32 off on CUDA (on by default)." };
        var noChannelsLast = new Option<bool>("--no-channels-last") { Description = "Keep the step's images in the contiguous NCHW layout (channels-last NHWC by default; weights are NCHW either way)." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for torch (0 = libtorch's default, one per core).", DefaultValueFactory = _ => 0 };
        var json = new Option<string>("--json") { Description = "Where to write the result as JSON.", DefaultValueFactory = _ => "bench-train.json" };

        var command = new HipFxCommand(
            "train",
            "Training step speed: images/s with the split over data wait, to device, forward, assigner+loss, backward, gradient reduction, "
            + "optimizer+EMA; peak memory (RSS; GPU memory in use from the driver); on synthetic batches. BatchNorm is per replica (no SyncBN).");
        command.MapKey("runtime.replicas", replicas);
        foreach (var option in new Option[] { size, batch, steps, warmup, replicas, bf16, noTf32, noChannelsLast, threads, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var (_, spec, _) = TorchStartup.Start(parse, globals);
            int t = parse.GetValue(threads);
            if (t < 0 || t > 1024)
            {
                throw new HipFx.Core.HipFxConfigException($"--threads: must be an integer from 0 to 1024, got {t}");
            }
            if (t > 0)
            {
                TorchSharp.torch.set_num_threads(t);
            }
            var options = new TrainBenchOptions
            {
                Size = parse.GetValue(size),
                Batch = parse.GetValue(batch),
                Steps = parse.GetValue(steps),
                Warmup = parse.GetValue(warmup),
                Device = spec,
                Step = new StepOptions { Replicas = parse.GetValue(replicas), Bf16 = parse.GetValue(bf16), Tf32 = !parse.GetValue(noTf32), ChannelsLast = !parse.GetValue(noChannelsLast) },
                Json = parse.GetValue(json)!,
            }.Validate();
            var output = parse.InvocationConfiguration.Output;
            var result = TrainBench.Run(options, line => output.WriteLine(line));
            Render(CliConsole.For(output, 120), result, options);
            return HipFxApp.ExitOk;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, TrainBenchResult r, TrainBenchOptions options)
    {
        string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().AddColumn("phase").AddColumn(new TableColumn("ms/step").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var (phase, ms) in r.PhaseMs)
        {
            table.AddRow(phase, F(ms), F(100 * ms / r.StepMs, "0") + " %");
        }
        table.AddRow("[bold]step[/]", F(r.StepMs), "100 %");
        console.Write(table);
        console.WriteLine(FormattableString.Invariant(
            $"{r.ImagesPerSecond:0.0} images/s: {r.Size}x{r.Size}, batch {r.Batch}, {r.Device} x{r.Replicas} replica(s), {(r.Bf16 ? "bf16 autocast" : "fp32")}, {(r.ChannelsLast ? "channels-last" : "NCHW")}, {r.Threads} threads, {r.Steps} steps; CPU time {r.CpuMsPerStep:0} ms/step"));
        string gpuText = r.GpuUsedPeakMiB is { } gpu ? "; GPU memory in use (driver) peak " + F(gpu, "0") + " MiB" : "";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: peak RSS {r.PeakRssMiB:0} MiB; RSS {r.RssFirstMiB:0} -> {r.RssLastMiB:0} MiB over the measured steps; live tensors {r.LiveTensorsFirst} -> {r.LiveTensorsLast}{gpuText}"));
        console.WriteLine($"load average {r.LoadAverage} (a loaded machine measures waiting too); JSON: {Path.GetFullPath(options.Json)}");
    }
}
