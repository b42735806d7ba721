using System.Text.Json;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;
using SkiaSharp;

namespace HipFx.Evaluation.Tests.Pipeline;

public class PredictRunnerTests
{
    /// <summary>A detector with fixed answers per file stem (a test double with known output, not a model).</summary>
    private sealed class FixedDetector(Dictionary<string, Detection[]> answers, bool readsPixels = true) : IDetector
    {
        public string Description => "fixed";

        public int BatchSize => 2;

        public bool ReadsPixels => readsPixels;

        /// <summary>Calls that got file paths.</summary>
        public int PathCalls { get; private set; }

        /// <summary>The decoded images handed over, call by call.</summary>
        public List<IReadOnlyList<RadiographImage>> ImageCalls { get; } = [];

        public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles)
        {
            PathCalls++;
            return imageFiles.Select(f => (IReadOnlyList<Detection>)answers[Path.GetFileNameWithoutExtension(f)]).ToList();
        }

        public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images)
        {
            ImageCalls.Add(images);
            return images.Select(i => (IReadOnlyList<Detection>)answers[Path.GetFileNameWithoutExtension(i.SourcePath!)]).ToList();
        }

        public void Dispose()
        {
        }
    }

    private static void Png(string path, int w, int h)
    {
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        bmp.Erase(new SKColor(90, 90, 90));
        using var data = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    [Fact]
    public void Writes_json_overlay_and_summary_with_the_valgus_rule()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("in"));
        Png(tmp.File("in/a.png"), 200, 100);
        Png(tmp.File("in/b.png"), 200, 100);
        Png(tmp.File("in/c.png"), 200, 100);
        var df = new Detection(FractureClass.DisplacedFnf, 0.8, new Box(20, 20, 60, 60));
        var vf = new Detection(FractureClass.ValgusImpactedFnf, 0.35, new Box(30, 25, 70, 65)); // overlaps DF
        var detector = new FixedDetector(new()
        {
            ["a"] = [df, vf],
            ["b"] = [],
            ["c"] = [new Detection(FractureClass.UnstableItf, 0.4, new Box(100, 20, 150, 80))],
        });
        var options = new PredictOptions
        {
            Inputs = [tmp.File("in")],
            OutputFolder = tmp.File("out"),
            Decision = new DecisionOptions { Tau = 0.5, ValgusPriority = true, ValgusTau = 0.3 },
        };
        var results = new PredictRunner(options, detector).Run();
        Assert.Equal(["a", "b", "c"], results.Select(r => r.ImageId));
        // Batches of 2, each image decoded by the runner and handed over as pixels (one decode per image).
        Assert.Equal([2, 1], detector.ImageCalls.Select(c => c.Count));
        Assert.Equal(0, detector.PathCalls);
        var first = detector.ImageCalls[0][0];
        Assert.Equal((200, 100, 8), (first.Width, first.Height, first.BitDepth));
        Assert.All(first.Pixels, p => Assert.Equal(90, p));
        Assert.Equal(DecisionRule.ValgusPriority, results[0].Decision.Rule);
        Assert.Equal(ImageLabel.NoFracture, results[2].Decision.Label); // .4 < τ

        using var json = JsonDocument.Parse(File.ReadAllText(results[0].JsonFile));
        var decision = json.RootElement.GetProperty("decision");
        Assert.Equal("valgus_impacted_fnf", decision.GetProperty("label").GetString());
        Assert.Equal("valgus_priority", decision.GetProperty("rule").GetString());
        Assert.Equal(0.35, decision.GetProperty("score").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("detections").GetArrayLength());
        Assert.Equal(200, json.RootElement.GetProperty("width").GetInt32());

        using var overlay = SKBitmap.Decode(results[0].OverlayFile);
        Assert.Equal((200, 100), (overlay.Width, overlay.Height));
        // The deciding valgus box is drawn in its colour (orange) on its left edge.
        Assert.Equal(new SKColor(0xFF, 0x7F, 0x00), overlay.GetPixel(30, 45));
        using var plain = SKBitmap.Decode(results[1].OverlayFile);
        Assert.Equal(new SKColor(90, 90, 90), plain.GetPixel(100, 80)); // nothing drawn away from the header

        var summary = File.ReadAllLines(tmp.File("out/predictions.csv"));
        Assert.Equal(4, summary.Length);
        Assert.StartsWith("a,", summary[1]);
        Assert.Contains(",valgus_impacted_fnf,valgus_priority,0.35,2,1", summary[1]);
    }

    [Fact]
    public void Without_overlays_a_detector_that_reads_no_pixels_gets_paths_and_sizes_come_from_headers()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("in"));
        Png(tmp.File("in/a.png"), 120, 80);
        Png(tmp.File("in/b.png"), 64, 32);
        Png(tmp.File("in/c.png"), 50, 40);
        var detector = new FixedDetector(new() { ["a"] = [], ["b"] = [], ["c"] = [] }, readsPixels: false);
        var options = new PredictOptions { Inputs = [tmp.File("in")], OutputFolder = tmp.File("out"), Overlays = false };
        var results = new PredictRunner(options, detector).Run();
        Assert.Equal(2, detector.PathCalls); // batches of 2, once each: no second batching
        Assert.Empty(detector.ImageCalls);
        Assert.All(results, r => Assert.Null(r.OverlayFile));
        using var json = JsonDocument.Parse(File.ReadAllText(results[1].JsonFile));
        Assert.Equal((64, 32), (json.RootElement.GetProperty("width").GetInt32(), json.RootElement.GetProperty("height").GetInt32()));
    }

    [Fact]
    public void Detections_from_a_file_are_matched_by_stem_when_the_runner_hands_over_decoded_images()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("in"));
        Png(tmp.File("in/a.png"), 120, 80);
        Png(tmp.File("in/b.png"), 120, 80);
        File.WriteAllText(tmp.File("dt.json"), """
            [{"image_id": "b", "category_id": 4, "bbox": [10, 10, 30, 20], "score": 0.9}]
            """);
        var files = PredictRunner.CollectImages([tmp.File("in")]).Files;
        using var detector = new PrecomputedDetector(tmp.File("dt.json"), files);
        // Overlays need the pixels, so the runner decodes and calls the image overload; the file-based detector answers by stem.
        var results = new PredictRunner(new PredictOptions { Inputs = files, OutputFolder = tmp.File("out") }, detector).Run();
        Assert.Empty(results[0].Detections);
        var d = Assert.Single(results[1].Detections);
        Assert.Equal((FractureClass.UnstableItf, new Box(10, 10, 40, 30)), (d.Class, d.Box));
        Assert.Equal(ImageLabel.UnstableItf, results[1].Decision.Label);
        Assert.True(File.Exists(results[1].OverlayFile));
    }

    [Fact]
    public void Missing_input_is_a_data_error_naming_it()
    {
        var e = Assert.Throws<HipFxDataException>(() => PredictRunner.CollectImages(["/no/such/place.png"]));
        Assert.Equal("/no/such/place.png", e.FilePath);
    }
}
