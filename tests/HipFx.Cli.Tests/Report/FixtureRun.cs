using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;

namespace HipFx.Cli.Tests.Report;

/// <summary>
/// A realistic run folder made with the real commands, as a user would: <c>hipfx synth</c> a small set, <c>split</c>,
/// detections made from the truth with noise (no trained model yet), <c>hipfx eval --detections</c> on test and external
/// with τ chosen on val and locked in the run's tau.json, <c>hipfx readers simulate</c> and <c>hipfx readers</c> with the
/// external audit as the AI; results.csv, run.json, config.yaml and a small checkpoint written by hand in the trainer's
/// layout (COMMON.md). Built once per test collection.
/// </summary>
public sealed class FixtureRun : IDisposable
{
    private readonly TempFolder temp = RepoPaths.NewTempFolder();

    public FixtureRun()
    {
        string data = Path.Combine(temp.Path, "data");
        Manifest = Path.Combine(data, "manifest.csv");
        Run = Path.Combine(temp.Path, "runs", "fixture");
        Directory.CreateDirectory(Run);
        Hipfx("synth", "--out", data, "--count", "120", "--seed", "3", "--size", "192", "--workers", "1");
        Hipfx("split", Manifest, "--seed", "7", "--no-near-duplicates");
        string detections = Path.Combine(Run, "detections.json");
        NoisyDetections(Manifest, detections);
        Hipfx("eval", "--detections", detections, "--manifest", Manifest, "--split", "test", "--tau-from-val", "--allow-extra-ids", "--out", Path.Combine(Run, "eval-test"));
        Hipfx("eval", "--detections", detections, "--manifest", Manifest, "--split", "external", "--tau-from-val", "--allow-extra-ids",
            "--bootstrap", "100", "--seed", "7", "--out", Path.Combine(Run, "eval-external"));
        string reads = Path.Combine(Run, "reads.csv");
        Hipfx("readers", "simulate", "--truth", Manifest, "--split", "external", "--out", reads, "--seed", "7");
        Hipfx("readers", "--truth", Manifest, "--split", "external", "--reads", reads, "--ai", Path.Combine(Run, "eval-external", "audit.csv"),
            "--bootstrap", "200", "--out", Path.Combine(Run, "readers"));
        WriteTrainerFiles();
    }

    /// <summary>The run folder (runs/fixture).</summary>
    public string Run { get; }

    public string Manifest { get; }

    public string File(string relative) => Path.Combine(Run, relative);

    public void Dispose() => temp.Dispose();

    private static void Hipfx(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"hipfx {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
    }

    /// <summary>Each truth box found with probability 0.85 (0.6 on the external split), sometimes as another class, jittered; plus a few false boxes.</summary>
    private static void NoisyDetections(string manifest, string path)
    {
        var rng = new Random(11);
        var list = new List<object>();
        foreach (var (split, found) in new[] { (DatasetSplit.Val, 0.85), (DatasetSplit.Test, 0.85), (DatasetSplit.External, 0.6) })
        {
            foreach (var image in ManifestGroundTruth.Load(manifest, split).Images)
            {
                foreach (var truth in image.Boxes)
                {
                    if (rng.NextDouble() > found)
                    {
                        continue;
                    }
                    int c = rng.NextDouble() < 0.12 ? rng.Next(4) : (int)truth.Class;
                    var b = truth.Box;
                    double w = b.X2 - b.X1, h = b.Y2 - b.Y1;
                    list.Add(Detection(image.ImageId, c, b.X1 + w * 0.06 * Gauss(rng), b.Y1 + h * 0.06 * Gauss(rng), w * (1 + 0.08 * Gauss(rng)), h * (1 + 0.08 * Gauss(rng)),
                        0.45 + 0.5 * rng.NextDouble()));
                }
                if (rng.NextDouble() < 0.25)
                {
                    list.Add(Detection(image.ImageId, rng.Next(4), rng.NextDouble() * image.Width * 0.6, rng.NextDouble() * image.Height * 0.6,
                        image.Width * 0.2, image.Height * 0.2, 0.05 + 0.5 * rng.NextDouble()));
                }
            }
        }
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(list));
    }

    private static object Detection(string id, int c, double x, double y, double w, double h, double score) =>
        new { image_id = id, category_id = c + 1, bbox = new[] { x, y, w, h }, score = Math.Round(score, 4) };

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private void WriteTrainerFiles()
    {
        var manifest = ManifestReader.Read(Manifest);
        var sizes = manifest.Rows.GroupBy(r => r.Split?.Name() ?? "none").ToDictionary(g => g.Key, g => g.Count());
        System.IO.File.WriteAllText(File("run.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "fixture", ["manifest"] = Manifest, ["manifest_sha256"] = manifest.Sha256(), ["splits"] = sizes.ToDictionary(kv => kv.Key, kv => new { split = kv.Key, images = kv.Value }), ["seed"] = 7,
            ["versions"] = new { hipfx = "0.1.0", torchsharp = "0.107.0", libtorch = "2.10.0" }, ["device"] = "cpu",
            ["command_line"] = "hipfx train --config configs/synth-tiny.yaml --name fixture",
            ["started"] = "2026-12-01T10:00:00.0000000+00:00", ["ended"] = "2026-12-01T10:12:00.0000000+00:00", ["end"] = "completed",
            ["best_epoch"] = 20, ["best_metric"] = 0.61,
        }, new JsonSerializerOptions { WriteIndented = true }));
        System.IO.File.WriteAllText(File("config.yaml"),
            "# resolved config of the test fixture\nmodel:\n  architecture: damo-yolo-t\n  num_classes: 4\ntrain:\n  epochs: 24\n  batch: 8\n  input_size: 192\n");
        var csv = new StringBuilder("epoch,iterations,lr,loss,loss_cls,loss_bbox,loss_dfl,images_per_s,epoch_s,val_ap50,val_ap50_95,val_macro_se,val_macro_sp,val_tau\n");
        for (int e = 1; e <= 24; e++)
        {
            double lr = 0.01 * Math.Min(1, e / 5.0) * (0.05 + 0.95 * 0.5 * (1 + Math.Cos(Math.PI * e / 24)));
            double cls = 1.2 * Math.Exp(-e / 8.0) + 0.3, box = 0.9 * Math.Exp(-e / 10.0) + 0.25, dfl = 0.5 * Math.Exp(-e / 12.0) + 0.2;
            string val = e % 4 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{0.7 * (1 - Math.Exp(-e / 7.0)):0.####},{0.35 * (1 - Math.Exp(-e / 7.0)):0.####},{0.6 + e * 0.01:0.###},{0.9 + e * 0.003:0.###},0.4")
                : ",,,,";
            csv.Append(CultureInfo.InvariantCulture, $"{e},{e * 11},{lr:0.######},{cls + box + dfl:0.####},{cls:0.####},{box:0.####},{dfl:0.####},4.1,30,{val}\n");
        }
        System.IO.File.WriteAllText(File("results.csv"), csv.ToString());
        WriteCheckpoint(File("best.safetensors"));
    }

    /// <summary>A one-tensor safetensors file with hipfx metadata (src/HipFx.Model/Weights/CHECKPOINT.md), by hand: no libtorch needed.</summary>
    private static void WriteCheckpoint(string path)
    {
        string hipfx = JsonSerializer.Serialize(new
        {
            formatVersion = 1, architecture = "damo-yolo-t", classes = ClassNames.FractureClasses.Select(c => c.Name()).ToArray(),
            inputWidth = 192, inputHeight = 192, notes = new Dictionary<string, string> { ["epoch"] = "20", ["metric"] = "val_ap50" },
        });
        string header = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["__metadata__"] = new Dictionary<string, string> { ["format"] = "hipfx.damo-yolo-t", ["hipfx"] = hipfx },
            ["w"] = new { dtype = "F32", shape = new[] { 2 }, data_offsets = new[] { 0, 8 } },
        });
        var bytes = Encoding.UTF8.GetBytes(header.PadRight((header.Length + 7) / 8 * 8));
        using var file = System.IO.File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
        file.Write(length);
        file.Write(bytes);
        file.Write(new byte[8]);
    }
}

/// <summary>The tests that share one <see cref="FixtureRun"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FixtureRunCollection : ICollectionFixture<FixtureRun>
{
    public const string Name = "report fixture run";
}
