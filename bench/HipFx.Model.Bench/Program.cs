using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HipFx.Model;
using HipFx.Model.Bench;
using HipFx.Model.Inference;
using HipFx.Model.Weights;
using HipFx.Torch;
using TorchSharp;
using static TorchSharp.torch;

var options = BenchOptions.Parse(args);
var info = TorchRuntime.EnsureInitialized();
set_num_threads(options.Threads);
var device = torch.device(options.Device);
Console.WriteLine($"hipfx model bench: TorchSharp {info.TorchSharpVersion}, libtorch {info.LibtorchVersion}, device {device}, "
    + $"{get_num_threads()} threads, {Environment.ProcessorCount} cores visible, repeats {options.Repeats} (median)");

void Sync()
{
    if (device.type == DeviceType.CUDA)
    {
        cuda.synchronize(device);
    }
}

double MedianSeconds(Action action)
{
    action(); // warm-up
    Sync();
    var times = new List<double>();
    for (int i = 0; i < options.Repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        Sync();
        times.Add(sw.Elapsed.TotalSeconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

double PeakRssMiB()
{
    using var p = Process.GetCurrentProcess();
    p.Refresh();
    return p.PeakWorkingSet64 / (1024.0 * 1024.0);
}

manual_seed(0);
using var model = DamoYolo.Tiny(4);
if (options.Weights is not null)
{
    Console.WriteLine("  weights: " + OfficialWeights.Import(model, options.Weights));
}
model.to(device);
model.eval();
using var fused = RepConvFusion.ToDeploy(model);
fused.eval();
var postProcessor = new PostProcessor();

var rows = new List<BenchRow>();
void Record(string what, string form, int size, int batch, double seconds, string note = "")
{
    var row = new BenchRow(what, form, size, batch, seconds * 1000, seconds * 1000 / batch, PeakRssMiB(), note);
    rows.Add(row);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {row.What,-22} {row.Form,-8} {row.Size,5} x{row.Batch,-3} {row.MsPerCall,10:F1} ms/call {row.MsPerImage,9:F1} ms/img  peak RSS {row.PeakRssMiB,7:F0} MiB {row.Note}"));
}

foreach (int size in options.Sizes)
{
    foreach (int batch in options.Batches)
    {
        using var images = (rand(batch, 3, size, size, device: device) * 255);
        foreach (var (form, net) in new[] { ("unfused", model), ("fused", fused) })
        {
            double s = MedianSeconds(() =>
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                net.call(images);
            });
            Record("forward (no NMS)", form, size, batch, s);
        }
        double post = MedianSeconds(() =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var dense = fused.call(images);
            postProcessor.Run(dense.Scores, dense.Boxes);
        });
        int candidates = 0;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var dense = fused.call(images);
            candidates = (int)(dense.Scores > postProcessor.Options.ScoreThreshold).sum().item<long>() / batch;
        }
        Record("forward + postprocess", "fused", size, batch, post, $"{candidates} candidates/img before NMS");
    }
}

// Training step: forward in train mode (BN batch statistics) + backward. Until the loss lands on this branch the
// objective is the sum of the outputs the loss reads (scores, reg logits, boxes), labelled as such.
model.train();
using (var images = rand(options.TrainBatch, 3, options.TrainSize, options.TrainSize, device: device) * 255)
{
    double s = MedianSeconds(() =>
    {
        using var scope = NewDisposeScope();
        var dense = model.call(images);
        var objective = dense.Scores.sum() + dense.RegLogits.sum() + dense.Boxes.sum() * 1e-3;
        objective.backward();
        model.zero_grad();
    });
    Record("train step fwd+bwd", "unfused", options.TrainSize, options.TrainBatch, s, "objective: sum of outputs (stand-in for the loss)");
    double f = MedianSeconds(() =>
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.call(images);
    });
    Record("train-mode forward", "unfused", options.TrainSize, options.TrainBatch, f, "no_grad, BN batch stats");
}

var result = new
{
    tool = "hipfx model bench",
    utc = DateTimeOffset.UtcNow,
    torchSharp = info.TorchSharpVersion,
    libtorch = info.LibtorchVersion,
    device = options.Device,
    threads = get_num_threads(),
    cores = Environment.ProcessorCount,
    load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
    options,
    rows,
    peak_rss_mib = PeakRssMiB(),
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
File.WriteAllText(options.Output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"peak RSS {PeakRssMiB():F0} MiB; results written to {options.Output}");

internal sealed record BenchRow(string What, string Form, int Size, int Batch, double MsPerCall, double MsPerImage, double PeakRssMiB, string Note);
