using System.Globalization;
using HipFx.Bench;
using HipFx.Model;
using HipFx.Model.Assign;
using HipFx.Model.Bench;
using HipFx.Model.Inference;
using HipFx.Model.Losses;
using HipFx.Model.Weights;
using TorchSharp;
using static TorchSharp.torch;

// DAMO-YOLO-T benchmark: forward latency per image (unfused and RepConv-fused, sizes × batches), fused forward +
// post-processing, the training step (forward, ZeroHead loss on synthetic boxes, backward) per training batch,
// and peak process RSS. Prints a Markdown table and writes JSON.
var options = BenchOptions.Parse(args);
var (info, device, timer) = BenchHost.Start("hipfx model bench", options.Quick, options.Threads, options.Device, options.Repeats);

manual_seed(0);
using var model = DamoYolo.Tiny(4);
if (options.Weights is not null)
{
    Console.WriteLine("weights: " + OfficialWeights.Import(model, options.Weights));
}
model.to(device);
model.eval();
using var fused = RepConvFusion.ToDeploy(model);
fused.eval();
var postProcessor = new PostProcessor();

var table = new MarkdownTable("what", "form", "size", "batch", "median ms/call", "min ms/call", "median ms/img", "peak RSS MiB", "note");
table.PrintHeader();
var rows = new List<BenchRow>();
void Record(string what, string form, int size, int batch, Timing t, string note = "")
{
    var row = new BenchRow(what, form, size, batch, t.Median * 1000, t.Min * 1000, t.Median * 1000 / batch, BenchHost.PeakRssMiB(), note);
    rows.Add(row);
    table.PrintRow(row.What, row.Form, Text(row.Size), Text(row.Batch), Text(row.MedianMsPerCall, "F1"), Text(row.MinMsPerCall, "F1"),
        Text(row.MedianMsPerImage, "F1"), Text(row.PeakRssMiB, "F0"), row.Note);
}

foreach (int size in options.Sizes)
{
    foreach (int batch in options.Batches)
    {
        using var images = rand(batch, 3, size, size, device: device) * 255;
        foreach (var (form, net) in new[] { ("unfused", model), ("fused", fused) })
        {
            Record("forward", form, size, batch, timer.Measure(() =>
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                net.call(images);
            }), "no NMS");
        }
        var post = timer.Measure(() =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var dense = fused.call(images);
            postProcessor.Run(dense.Scores, dense.Boxes);
        });
        long candidates;
        using (NewDisposeScope())
        using (no_grad())
        {
            var dense = fused.call(images);
            candidates = (dense.Scores > postProcessor.Options.ScoreThreshold).sum().item<long>() / batch;
        }
        Record("forward+postprocess", "fused", size, batch, post, $"{candidates} candidates/img before NMS");
    }
}

// Training step: train mode (BN batch statistics), ZeroHead loss (AlignOTA assignment, QFL, GIoU, DFL) against
// synthetic boxes, backward. Training runs on the unfused model (fusion is for deployment only).
model.train();
var loss = new ZeroHeadLoss();
foreach (int batch in options.TrainBatches)
{
    int size = options.TrainSize;
    using var images = rand(batch, 3, size, size, device: device) * 255;
    using var truth = GroundTruthBatch.FromBoxes(SyntheticTruth.Boxes(seed: batch, batch, size, options.Boxes, classes: 4), device);
    Record("forward+loss+backward", "unfused", size, batch, timer.Measure(() =>
    {
        using var scope = NewDisposeScope();
        using var predictions = model.call(images);
        using var losses = loss.Compute(predictions, truth);
        losses.Total.backward();
        model.zero_grad();
    }), $"ZeroHead loss, {options.Boxes} boxes/img{(options.Weights is null ? ", random init" : "")}");
}

BenchHost.WriteJson(options.Output, new
{
    tool = "hipfx model bench",
    utc = DateTimeOffset.UtcNow,
    torchSharp = info.TorchSharpVersion,
    libtorch = info.LibtorchVersion,
    device = options.Device,
    threads = get_num_threads(),
    cores = Environment.ProcessorCount,
    load_average = BenchHost.LoadAverage(),
    options,
    rows,
    peak_rss_mib = BenchHost.PeakRssMiB(),
});

static string Text(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

internal sealed record BenchRow(string What, string Form, int Size, int Batch, double MedianMsPerCall, double MinMsPerCall,
    double MedianMsPerImage, double PeakRssMiB, string Note);
