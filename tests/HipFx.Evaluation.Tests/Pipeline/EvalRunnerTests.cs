using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;
using SkiaSharp;

namespace HipFx.Evaluation.Tests.Pipeline;

public class EvalRunnerTests
{
    /// <summary>Writes the synthetic case as COCO files: even images in val, odd ones in test.</summary>
    private static (string Gt, string Dt) WriteCoco(TempFolder tmp)
    {
        var s = new SyntheticCase();
        var val = s.Images.Where((_, i) => i % 2 == 0).ToList();
        var test = s.Images.Where((_, i) => i % 2 == 1).ToList();
        var all = val.Concat(test).ToList();
        CocoFiles.WriteGroundTruth(tmp.File("gt.json"), all);
        var text = File.ReadAllText(tmp.File("gt.json"));
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        foreach (var im in node["images"]!.AsArray())
        {
            im!["split"] = val.Any(v => v.ImageId == (string)im["hipfx_id"]!) ? "val" : "test";
        }
        File.WriteAllText(tmp.File("gt.json"), node.ToJsonString());
        CocoFiles.WriteDetections(tmp.File("dt.json"), all, s.Detections);
        return (tmp.File("gt.json"), tmp.File("dt.json"));
    }

    [Fact]
    public void Tau_from_val_is_chosen_once_locked_and_reused()
    {
        using var tmp = RepoPaths.NewTempFolder();
        var (gt, dt) = WriteCoco(tmp);
        var options = new EvalRunOptions
        {
            GroundTruthPath = gt, DetectionsPath = dt, Split = "test", TauFromVal = true, OutputFolder = tmp.File("out-test"),
        };
        var first = new EvalRunner(options).Run();
        Assert.NotNull(first.ChosenNow);
        Assert.Equal(tmp.File(TauSelection.FileName), first.TauFile);
        var locked = TauSelection.Read(first.TauFile);
        Assert.Equal("val", locked.Split);
        Assert.Equal(locked.Tau, first.Result.Options.Decision.Tau);
        Assert.Equal(20, first.Result.Outcomes.Count);

        // The chosen τ must be the best on val by the documented criterion.
        var gtVal = CocoGroundTruth.Read(gt, "val");
        var dets = CocoDetections.Read(dt, gtVal);
        Assert.Equal(TauSelector.Select(gtVal.Images, dets, new DecisionOptions(), "val").Tau, locked.Tau);

        // A locked file is reused unchanged, with or without --tau-from-val.
        var second = new EvalRunner(options with { OutputFolder = tmp.File("out-2"), TauFromVal = false }).Run();
        Assert.Null(second.ChosenNow);
        Assert.Equal(locked.Tau, second.Stamp.Tau);
        Assert.StartsWith("locked in", second.Stamp.TauSource);

        // An explicit τ wins.
        var third = new EvalRunner(options with { OutputFolder = tmp.File("out-3"), TauFromVal = false, Tau = 0.9 }).Run();
        Assert.Equal(0.9, third.Stamp.Tau);
        Assert.True(File.Exists(Path.Combine(tmp.File("out-3"), "table2.md")));
    }

    [Fact]
    public void Contradictory_options_are_usage_errors()
    {
        Assert.Throws<HipFxConfigException>(() => new EvalRunOptions { OutputFolder = "x" }.Validated());
        Assert.Throws<HipFxConfigException>(() => new EvalRunOptions { OutputFolder = "x", ManifestPath = "m", GroundTruthPath = "g" }.Validated());
        Assert.Throws<HipFxConfigException>(() => new EvalRunOptions { OutputFolder = "x", ManifestPath = "m", Tau = 0.5, TauFromVal = true }.Validated());
        Assert.Throws<HipFxConfigException>(() => new EvalRunOptions { OutputFolder = "x", ManifestPath = "m", Tau = 1.5 }.Validated());
    }

    [Fact]
    public void Manifest_ground_truth_reads_voc_boxes_labels_and_sizes()
    {
        using var tmp = RepoPaths.NewTempFolder();
        // a.png: a valgus box; b.png: no annotation, labelled no_fracture (size from the PNG header); c.png: val.
        foreach (var name in new[] { "a", "b", "c" })
        {
            using var bmp = new SKBitmap(new SKImageInfo(64, 48, SKColorType.Gray8, SKAlphaType.Opaque));
            using var data = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(tmp.File(name + ".png"), data.ToArray());
        }
        VocWriter.Write(new VocAnnotation
        {
            Filename = "a.png", Width = 64, Height = 48,
            Objects = [VocObject.Create("valgus_impacted_fnf", new Box(10, 10, 30, 20), 64, 48)],
        }, tmp.File("a.xml"));
        ManifestWriter.Write(
        [
            new ManifestRow { ImageId = "a", PatientId = "p1", Institution = "h1", ImagePath = "a.png", AnnotationPath = "a.xml", Split = DatasetSplit.Test },
            new ManifestRow { ImageId = "b", PatientId = "p2", Institution = "h1", ImagePath = "b.png", Label = ImageLabel.NoFracture, Split = DatasetSplit.Test },
            new ManifestRow { ImageId = "c", PatientId = "p3", Institution = "h1", ImagePath = "c.png", Label = ImageLabel.NoFracture, Split = DatasetSplit.Val },
        ], tmp.File("manifest.csv"));

        var truth = ManifestGroundTruth.Load(tmp.File("manifest.csv"), DatasetSplit.Test);
        Assert.Equal(["a", "b"], truth.Images.Select(i => i.ImageId));
        var a = truth.Images[0];
        Assert.Equal(ImageLabel.ValgusImpactedFnf, a.Truth);
        Assert.Equal(new Box(10, 10, 30, 20), Assert.Single(a.Boxes).Box);
        Assert.Equal((64, 48), (truth.Images[1].Width, truth.Images[1].Height));
        Assert.Equal(ImageLabel.NoFracture, truth.Images[1].Truth);
        Assert.Equal(64, Assert.IsType<Plots.RadiographImageSource>(new Plots.RadiographImageSource(truth.ImageFiles)).TryLoad("a")!.Width);
        Assert.Contains("labelimg_edge", truth.CoordinateConvention);
        Assert.Equal(64, truth.ManifestHash.Length);
        var e = Assert.Throws<HipFxDataException>(() => ManifestGroundTruth.Load(tmp.File("manifest.csv"), DatasetSplit.External));
        Assert.Contains("external", e.Message);
    }
}
