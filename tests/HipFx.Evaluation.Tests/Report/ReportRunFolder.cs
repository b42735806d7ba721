using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Evaluation.Readers;
using HipFx.Evaluation.Tables;
using HipFx.Evaluation.Tests.Pipeline;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Report;

/// <summary>Which parts a test run folder gets.</summary>
internal sealed record RunParts
{
    public bool External { get; init; } = true;

    public bool Readers { get; init; } = true;

    public bool Results { get; init; } = true;

    public bool Galleries { get; init; } = true;

    public bool ValgusPriority { get; init; }

    /// <summary>τ written to tau.json (the evaluations use 0.5).</summary>
    public double LockedTau { get; init; } = 0.5;
}

/// <summary>
/// A run folder made with the real writers: eval's files for test and external (<see cref="EvalReport"/> on
/// <see cref="SyntheticCase"/>), the reader study's (<see cref="ReaderStudyRunner"/>, the model's audit as AI),
/// tau.json, run.json, config.yaml, results.csv and a small checkpoint whose metadata follows CHECKPOINT.md.
/// Texts carry markup and a URL, to show they are escaped and never linked.
/// </summary>
internal sealed class ReportRunFolder : IDisposable
{
    public const string Hostile = "<script>alert('x')</script> & \"quoted\"";
    public const string Url = "https://example.org/never-fetched";
    public const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly TempFolder temp = RepoPaths.NewTempFolder();

    public ReportRunFolder(RunParts? parts = null)
    {
        parts ??= new RunParts();
        Folder = Path.Combine(temp.Path, "run-1");
        Directory.CreateDirectory(Folder);
        var options = new EvalOptions { Decision = new DecisionOptions { Tau = 0.5, ValgusPriority = parts.ValgusPriority } };
        Evaluate("test", new SyntheticCase(1), options, parts.Galleries);
        if (parts.External)
        {
            var external = new SyntheticCase(2);
            Evaluate("external", external, options, parts.Galleries);
            if (parts.Readers)
            {
                Readers(external);
            }
        }
        new TauSelection
        {
            Tau = parts.LockedTau, Criterion = TauSelection.MacroYoudenCriterion, Objective = 0.81, Split = "val", Images = 40, Candidates = 33,
            ManifestHash = Hash, SelectedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        }.Write(Path.Combine(Folder, "tau.json"));
        System.IO.File.WriteAllText(Path.Combine(Folder, "config.yaml"), $"model:\n  name: damo-yolo-t\nnote: \"{Hostile}\"\nsource: {Url}\n");
        System.IO.File.WriteAllText(Path.Combine(Folder, "run.json"), JsonSerializer.Serialize(new
        {
            name = "run-1", manifest = "data/manifest.csv", manifest_sha256 = Hash,
            split_sizes = new { train = 320, val = 40, test = 40, external = 40 }, seed = 7,
            versions = new { hipfx = "0.1.0", torchsharp = "0.107.0", libtorch = "2.10.0" },
            device = "cpu", command_line = "hipfx train --config configs/x.yaml", start_utc = "2026-01-01T00:00:00Z", end_utc = "2026-01-01T01:00:00Z",
        }));
        Checkpoint(Path.Combine(Folder, "best.safetensors"));
        if (parts.Results)
        {
            var csv = new StringBuilder("epoch,iterations,lr,loss,loss_cls,loss_bbox,loss_dfl,images_per_s,epoch_s,val_ap50,val_ap50_95,val_macro_se,val_macro_sp,val_tau\n");
            for (int e = 1; e <= 12; e++)
            {
                string val = e % 4 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{0.5 + e * 0.02},{0.3 + e * 0.01},0.8,0.9,0.5") : ",,,,";
                csv.Append(CultureInfo.InvariantCulture, $"{e},{e * 10},{0.01 / e},{3.0 / e},{1.0 / e},{1.2 / e},{0.8 / e},5.5,60,{val}\n");
            }
            System.IO.File.WriteAllText(Path.Combine(Folder, "results.csv"), csv.ToString());
        }
    }

    public string Folder { get; }

    public string File(string relative) => Path.Combine(Folder, relative);

    public void Dispose() => temp.Dispose();

    private void Evaluate(string split, SyntheticCase data, EvalOptions options, bool galleries)
    {
        var result = DetectionEvaluation.Evaluate(data.Images, data.Detections, options);
        var stamp = new RunStamp
        {
            Model = Folder, ManifestHash = Hash, Split = split, Tau = 0.5, TauSource = "locked in tau.json (chosen on val, max_macro_youden_j)",
            Extra =
            [
                new("valgus_priority", options.Decision.ValgusPriority ? "on, tau_v=0.3" : "off"),
                new("overlap_min_iou", "0.5"),
            ],
        };
        EvalReport.Write(File("eval-" + split), result, stamp, data);
        if (!galleries)
        {
            foreach (string gallery in Directory.GetFiles(File("eval-" + split), "gallery_*.png"))
            {
                System.IO.File.Delete(gallery);
            }
        }
    }

    private void Readers(SyntheticCase external)
    {
        string truth = File("truth.csv");
        System.IO.File.WriteAllLines(truth, ["image_id,label", .. external.Images.Select(i => $"{i.ImageId},{i.Truth.Name()}")]);
        var rng = new Random(5);
        var reads = new List<ReaderRead>();
        foreach (string reader in new[] { "A", "B", "C" })
        {
            foreach (var phase in new[] { ReadingPhase.I, ReadingPhase.II, ReadingPhase.III })
            {
                foreach (var image in external.Images)
                {
                    var label = rng.NextDouble() < 0.8 ? image.Truth : (ImageLabel)rng.Next(5);
                    reads.Add(new ReaderRead(image.ImageId, reader, phase, label));
                }
            }
        }
        string readsPath = File("reads.csv");
        ReadsCsv.Write(readsPath, reads);
        ReaderStudyRunner.Run(new ReaderStudyOptions
        {
            TruthPath = truth, ReadsPath = readsPath, ModelAuditPath = File("eval-external/audit.csv"), OutputFolder = File("readers"),
            Analysis = new ReaderAnalysisOptions { Fleiss = new HipFx.Evaluation.Statistics.FleissKappaOptions { BootstrapSamples = 50 } },
        });
    }

    /// <summary>A safetensors file with one tensor and hipfx metadata (Weights/CHECKPOINT.md), written by hand.</summary>
    private static void Checkpoint(string path)
    {
        string hipfx = JsonSerializer.Serialize(new
        {
            formatVersion = 1, architecture = "damo-yolo-t", classes = new[] { "displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf" },
            inputWidth = 1024, inputHeight = 1024, notes = new Dictionary<string, string> { ["epoch"] = "11", ["metric"] = "val_ap50=0.74" },
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
