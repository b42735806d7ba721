using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;
using SixLabors.ImageSharp;
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
            GroundTruthPath = gt, DetectionsPath = dt, Split = "test", TauFromVal = true, OutputFolder = tmp.File("out-test"), AllowExtraIds = true,
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
        var dets = CocoDetections.Read(dt, gtVal, allowExtraIds: true);
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

    /// <summary>Calls every image a displaced FNF at 0.9 and records the files it was given; its mapping is a 12-bit window.</summary>
    private sealed class RecordingDetector : IDetector
    {
        public List<string> Files { get; } = [];

        public string Description => "recording";

        public int BatchSize => 4;

        public IntensityMapping Mapping { get; } = new() { Mode = IntensityMode.Window, WindowLow = 0, WindowHigh = 4095 };

        public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles)
        {
            Files.AddRange(imageFiles);
            return imageFiles.Select(_ => (IReadOnlyList<Detection>)[new Detection(FractureClass.DisplacedFnf, 0.9, new Box(4, 4, 20, 20))]).ToList();
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void Gallery_images_from_an_images_folder_are_the_files_detection_read_mapped_as_the_model_saw_them()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("images"));
        // a.png: 16-bit, stored value 2048 everywhere (mid-grey in the model's 12-bit window, nearly black as plain 16-bit).
        using (var sixteen = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L16>(160, 120, new(2048)))
        {
            sixteen.SaveAsPng(tmp.File("images/a.png"), new SixLabors.ImageSharp.Formats.Png.PngEncoder
            {
                ColorType = SixLabors.ImageSharp.Formats.Png.PngColorType.Grayscale,
                BitDepth = SixLabors.ImageSharp.Formats.Png.PngBitDepth.Bit16,
            });
        }
        Assert.Equal(16, RadiographLoader.ReadHeader(tmp.File("images/a.png")).BitDepth);
        // A decoy named by the bare id (8-bit, near white): the folder lookup prefers {id}.png, for detection and pictures alike.
        using (var bmp = new SKBitmap(new SKImageInfo(160, 120, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            bmp.Erase(new SKColor(250, 250, 250));
            using var data = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(tmp.File("images/a"), data.ToArray());
        }
        File.WriteAllText(tmp.File("gt.json"), """
            {"images": [{"id": 1, "file_name": "a.png", "width": 160, "height": 120, "patient_id": "p1", "label": "no_fracture", "split": "test"}],
             "annotations": [],
             "categories": [{"id": 1, "name": "displaced_fnf"}, {"id": 2, "name": "valgus_impacted_fnf"},
                            {"id": 3, "name": "stable_itf"}, {"id": 4, "name": "unstable_itf"}]}
            """);
        var detector = new RecordingDetector();
        var options = new EvalRunOptions
        {
            GroundTruthPath = tmp.File("gt.json"), ImagesFolder = tmp.File("images"), Tau = 0.5, OutputFolder = tmp.File("out"),
        };
        new EvalRunner(options, () => detector).Run();

        Assert.Equal([tmp.File("images/a.png")], detector.Files);
        Assert.Equal(tmp.File("images/a.png"), EvalRunner.ImageFileInFolder(tmp.File("images"), "a"));
        Assert.Null(EvalRunner.ImageFileInFolder(tmp.File("images"), "zz"));
        // One false-positive tile: 320 wide at (4, 34); the 160×120 image is scaled ×2 and centred, so its middle is (164, 194).
        using var gallery = SKBitmap.Decode(tmp.File("out/gallery_false_positives.png"));
        var mid = gallery.GetPixel(164, 194);
        byte expected = (byte)Math.Round(2048 / 4095.0 * 255); // 128; Skia's 8-bit view of the same file would be ~8, the decoy 250
        Assert.InRange(mid.Red, expected - 2, expected + 2);
        Assert.Equal(mid.Red, mid.Green);
    }
}
