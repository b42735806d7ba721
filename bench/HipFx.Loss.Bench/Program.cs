using System.Globalization;
using HipFx.Bench;
using HipFx.Loss.Bench;
using HipFx.Model.Assign;
using HipFx.Model.Head;
using HipFx.Model.Losses;
using static TorchSharp.torch;

// Times AlignOTA assignment and the ZeroHead losses on one batch of dense predictions (random logits decoded by
// ZeroHead, outside the timings), without the model: the loss's own share of a training step. The whole step (forward, loss,
// backward) is timed by the model benchmark. Prints a Markdown table and writes JSON.
var options = LossBenchOptions.Parse(args);
var (info, device, timer) = BenchHost.Start("hipfx loss bench", options.Quick, options.Threads, options.Device, options.Repeats);

manual_seed(0);
int n = options.Batch, size = options.Size, c = options.Classes;
using var truth = GroundTruthBatch.FromBoxes(SyntheticTruth.Boxes(seed: 0, n, size, options.Boxes, c), device);

// Dense predictions decoded by ZeroHead itself from random per-level logits (scores sigmoid(N(−3, 1)), bins N(0, 1)),
// once and outside the clock. Their scores, boxes and regression logits are leaves that take gradients, so the
// timings hold assignment and losses (and their backward into the head's dense outputs) but no decoding.
var levelSizes = new[] { size / 8, size / 16, size / 32 };
using var head = new ZeroHead(c);
DensePredictions decoded;
using (var logits = new HeadLogits(
    levelSizes.Select(s => randn(n, c, s, s, device: device) - 3).ToArray(),
    levelSizes.Select(s => randn(n, 4 * (ZeroHead.RegMax + 1), s, s, device: device)).ToArray()))
using (no_grad())
{
    decoded = head.Decode(logits);
}
using var predictions = new DensePredictions(decoded.ClsLogits, decoded.Scores.requires_grad_(), decoded.RegLogits.requires_grad_(),
    decoded.Boxes.requires_grad_(), decoded.Priors);
long p = predictions.Priors.shape[0];
var loss = new ZeroHeadLoss();

long positives;
using (NewDisposeScope())
{
    using var l = loss.Compute(predictions, truth);
    positives = l.Positives.item<long>();
}
Console.WriteLine($"{n * options.Boxes} GT boxes, {p} priors per image, {positives} positives");

var table = new MarkdownTable("what", "batch", "size", "median ms", "min ms", "peak RSS MiB", "note");
table.PrintHeader();
var rows = new List<object>();
void Record(string what, Timing t, string note)
{
    double rss = BenchHost.PeakRssMiB();
    rows.Add(new { what, batch = n, size, priors = p, boxes_per_image = options.Boxes, median_ms = t.Median * 1000, min_ms = t.Min * 1000, peak_rss_mib = rss, note });
    table.PrintRow(what, Text(n), Text(size), Text(t.Median * 1000, "F1"), Text(t.Min * 1000, "F1"), Text(rss, "F0"), note);
}

Record("assign+loss", timer.Measure(() =>
{
    using var scope = NewDisposeScope();
    var l = loss.Compute(predictions, truth);
    l.Total.item<float>();
}), "one host sync (the .item of the total)");
Record("assign+loss+backward", timer.Measure(() =>
{
    using var scope = NewDisposeScope();
    var l = loss.Compute(predictions, truth);
    l.Total.backward();
    foreach (var leaf in new[] { predictions.Scores, predictions.RegLogits, predictions.Boxes })
    {
        leaf.grad?.zero_();
    }
}), "backward into the dense head outputs");
Record("assign (AlignOTA)", timer.Measure(() =>
{
    using var scope = NewDisposeScope();
    using var _ = no_grad();
    loss.Assign(predictions, truth);
}), "no_grad");

BenchHost.WriteJson(options.Output, new
{
    tool = "hipfx loss bench",
    utc = DateTimeOffset.UtcNow,
    torchSharp = info.TorchSharpVersion,
    libtorch = info.LibtorchVersion,
    device = options.Device,
    threads = get_num_threads(),
    cores = Environment.ProcessorCount,
    load_average = BenchHost.LoadAverage(),
    options,
    positives,
    rows,
    peak_rss_mib = BenchHost.PeakRssMiB(),
});

static string Text(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
