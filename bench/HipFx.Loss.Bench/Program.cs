using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HipFx.Core;
using HipFx.Loss.Bench;
using HipFx.Model;
using HipFx.Model.Assign;
using HipFx.Model.Head;
using HipFx.Model.Losses;
using HipFx.Torch;
using TorchSharp;
using static TorchSharp.torch;

// Times AlignOTA assignment and the ZeroHead losses on one batch of dense predictions (random logits decoded like
// the head does), then optionally a whole model training step. Prints a table and writes JSON.
var options = LossBenchOptions.Parse(args);
var info = TorchRuntime.EnsureInitialized();
set_num_threads(options.Threads);
var device = torch.device(options.Device);
string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"hipfx loss bench: TorchSharp {info.TorchSharpVersion}, libtorch {info.LibtorchVersion}, device {device}, "
    + $"{get_num_threads()} threads, {Environment.ProcessorCount} cores visible, load average {load}, repeats {options.Repeats} (median and min)");

void Sync()
{
    if (device.type == DeviceType.CUDA)
    {
        cuda.synchronize(device);
    }
}

(double Median, double Min) Seconds(Action action)
{
    action();
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
    return (times[times.Count / 2], times[0]);
}

manual_seed(0);
var random = new Random(0);
int n = options.Batch, size = options.Size, c = options.Classes;
var truthBoxes = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<GroundTruthBox>)Enumerable.Range(0, options.Boxes).Select(_ =>
{
    double w = 16 + random.NextDouble() * (size / 3.0), h = 16 + random.NextDouble() * (size / 3.0);
    double x = random.NextDouble() * (size - w), y = random.NextDouble() * (size - h);
    return new GroundTruthBox((FractureClass)random.Next(c), new Box(x, y, x + w, y + h));
}).ToList()).ToList();
using var truth = GroundTruthBatch.FromBoxes(truthBoxes, device);

// Dense predictions shaped like ZeroHead's: scores sigmoid(N(−3, 1)), bins N(0, 1) decoded by the integral.
using var priors = Priors.Generate(size, size, device);
long p = priors.shape[0];
using var clsLogits = (randn(n, p, c, device: device) - 3).requires_grad_();
using var regLogits = randn(n, p, 4, ZeroHead.RegMax + 1, device: device).requires_grad_();
using var project = arange(ZeroHead.RegMax + 1, ScalarType.Float32, device);
var loss = new ZeroHeadLoss();

DensePredictions Predictions()
{
    var scores = sigmoid(clsLogits);
    var distances = matmul(nn.functional.softmax(regLogits, -1), project);
    return new DensePredictions(clsLogits.alias(), scores, regLogits.alias(), ZeroHead.DecodeBoxes(distances, priors), priors.alias());
}

var rows = new List<object>();
void Record(string what, (double Median, double Min) seconds, string note = "")
{
    rows.Add(new { what, batch = n, size, priors = p, boxes_per_image = options.Boxes, median_ms = seconds.Median * 1000, min_ms = seconds.Min * 1000, note });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {what,-32} {n}x{size}  median {seconds.Median * 1000,9:F1} ms  min {seconds.Min * 1000,9:F1} ms  {note}"));
}

long positives;
using (NewDisposeScope())
{
    using var l = loss.Compute(Predictions(), truth);
    positives = l.Positives.item<long>();
}
Console.WriteLine($"  {n * options.Boxes} GT boxes, {p} priors per image, {positives} positives");

Record("assign + losses (forward)", Seconds(() =>
{
    using var scope = NewDisposeScope();
    var l = loss.Compute(Predictions(), truth);
    l.Total.item<float>();
}), "one host sync (the .item of the total)");
Record("assign + losses + backward", Seconds(() =>
{
    using var scope = NewDisposeScope();
    var l = loss.Compute(Predictions(), truth);
    l.Total.backward();
    clsLogits.grad!.zero_();
    regLogits.grad!.zero_();
}), "backward into the head outputs");

Record("assign (AlignOTA)", Seconds(() =>
{
    using var scope = NewDisposeScope();
    using var _ = no_grad();
    loss.Assign(Predictions(), truth);
}), "no_grad, includes decoding");
if (options.WithModel)
{
    manual_seed(0);
    using var model = DamoYolo.Tiny(c);
    model.to(device);
    model.train();
    using var images = rand(n, 3, size, size, device: device) * 255;
    Record("model train step fwd+loss+bwd", Seconds(() =>
    {
        using var scope = NewDisposeScope();
        using var predictions = model.call(images);
        using var l = loss.Compute(predictions, truth);
        l.Total.backward();
        model.zero_grad();
    }), "random init, BN batch stats");
}

var result = new
{
    tool = "hipfx loss bench",
    utc = DateTimeOffset.UtcNow,
    torchSharp = info.TorchSharpVersion,
    libtorch = info.LibtorchVersion,
    device = options.Device,
    threads = get_num_threads(),
    cores = Environment.ProcessorCount,
    load_average = load,
    options,
    positives,
    rows,
};
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
File.WriteAllText(options.Output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"results written to {options.Output}");
