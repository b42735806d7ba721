using System.Text.Json;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;
using SkiaSharp;

namespace HipFx.Evaluation.Tests.Pipeline;

public class PredictRunnerTests
{
    /// <summary>A detector with fixed answers per file stem (a test double with known output, not a model).</summary>
    private sealed class FixedDetector(Dictionary<string, Detection[]> answers) : IDetector
    {
        public string Description => "fixed";

        public int BatchSize => 2;

        public int Calls { get; private set; }

        public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles)
        {
            Calls++;
            return imageFiles.Select(f => (IReadOnlyList<Detection>)answers[Path.GetFileNameWithoutExtension(f)]).ToList();
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
        Assert.Equal(2, detector.Calls); // batches of 2
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
    public void Missing_input_is_a_data_error_naming_it()
    {
        var e = Assert.Throws<HipFxDataException>(() => PredictRunner.CollectImages(["/no/such/place.png"]));
        Assert.Equal("/no/such/place.png", e.FilePath);
    }
}
