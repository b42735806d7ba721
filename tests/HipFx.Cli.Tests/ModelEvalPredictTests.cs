using HipFx.Cli;
using HipFx.Model;
using HipFx.Model.Weights;
using HipFx.Tests;
using HipFx.Torch;
using SkiaSharp;

namespace HipFx.Cli.Tests;

/// <summary>
/// eval and predict through --model: a randomly initialised DAMO-YOLO-T saved as a hipfx checkpoint (input 128²
/// to stay fast). Its detections are meaningless; the test checks the wiring: checkpoint → predictor → metrics
/// and overlays, with one detection list per image.
/// </summary>
[Trait("Category", "Slow")]
public class ModelEvalPredictTests
{
    private static string WriteRunFolder(TempFolder tmp)
    {
        TorchRuntime.EnsureInitialized();
        TorchSharp.torch.manual_seed(1);
        string run = tmp.File("run");
        Directory.CreateDirectory(run);
        using var model = DamoYolo.Tiny(4);
        ModelCheckpoint.Save(Path.Combine(run, "best.safetensors"), model, new ModelMetadata
        {
            Classes = ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf"],
            InputWidth = 128,
            InputHeight = 128,
            IntensityMapping = "bit_depth",
        });
        return run;
    }

    private static void WriteImages(TempFolder tmp)
    {
        Directory.CreateDirectory(tmp.File("images"));
        foreach (var name in new[] { "a", "b" })
        {
            using var bmp = new SKBitmap(new SKImageInfo(160, 120, SKColorType.Gray8, SKAlphaType.Opaque));
            bmp.Erase(new SKColor(name == "a" ? (byte)60 : (byte)160, 0, 0));
            using var data = SKImage.FromBitmap(bmp).Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(tmp.File($"images/{name}.png"), data.ToArray());
        }
        File.WriteAllText(tmp.File("gt.json"), """
            {"images": [
               {"id": 1, "file_name": "a.png", "width": 160, "height": 120, "patient_id": "p1", "split": "test"},
               {"id": 2, "file_name": "b.png", "width": 160, "height": 120, "patient_id": "p2", "label": "no_fracture", "split": "test"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 3, "bbox": [20, 20, 60, 50], "area": 3000, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "displaced_fnf"}, {"id": 2, "name": "valgus_impacted_fnf"},
                            {"id": 3, "name": "stable_itf"}, {"id": 4, "name": "unstable_itf"}]}
            """);
    }

    [Fact]
    public void Eval_and_predict_run_a_checkpoint()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string run = WriteRunFolder(tmp);
        WriteImages(tmp);

        var err = new StringWriter();
        int rc = HipFxApp.Run(["eval", "--model", run, "--ground-truth", tmp.File("gt.json"), "--images", tmp.File("images"),
            "--tau", "0.3", "--out", tmp.File("eval")], new StringWriter(), err);
        Assert.True(rc == 0, err.ToString());
        var audit = File.ReadAllLines(Path.Combine(tmp.File("eval"), "audit.csv")).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(3, audit.Count);
        Assert.Contains(run, File.ReadAllText(Path.Combine(tmp.File("eval"), "table2.md")));

        var stdout = new StringWriter();
        err = new StringWriter();
        rc = HipFxApp.Run(["predict", "--model", Path.Combine(run, "best.safetensors"), tmp.File("images"), "--out", tmp.File("pred")], stdout, err);
        Assert.True(rc == 0, err.ToString());
        Assert.True(File.Exists(Path.Combine(tmp.File("pred"), "a.json")));
        using var overlay = SKBitmap.Decode(Path.Combine(tmp.File("pred"), "b.overlay.png"));
        Assert.Equal((160, 120), (overlay.Width, overlay.Height));
        Assert.Contains("τ = 0.5 (default)", stdout.ToString());
    }

    [Fact]
    public void A_model_with_other_classes_is_refused_naming_the_file()
    {
        using var tmp = RepoPaths.NewTempFolder();
        TorchRuntime.EnsureInitialized();
        using var model = DamoYolo.Tiny(2);
        string path = tmp.File("two.safetensors");
        ModelCheckpoint.Save(path, model, new ModelMetadata { Classes = ["a", "b"], InputWidth = 128, InputHeight = 128 });
        WriteImages(tmp);
        var err = new StringWriter();
        Assert.Equal(1, HipFxApp.Run(["predict", "--model", path, tmp.File("images"), "--out", tmp.File("p")], new StringWriter(), err));
        Assert.Contains("two.safetensors", err.ToString());
        Assert.Contains("classes", err.ToString());
    }

    [Fact]
    public void A_missing_gpu_fails_before_any_work_like_doctor()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string run = WriteRunFolder(tmp);
        WriteImages(tmp);
        if (TorchRuntime.EnsureInitialized().CudaDeviceCount > 7)
        {
            return; // nothing to show on a machine with 8+ GPUs
        }
        var (code, _, err) = CliRunner.Run("predict", "--model", run, tmp.File("images"), "--out", tmp.File("pred"), "--device", "cuda:7");
        Assert.Equal(1, code);
        Assert.Contains("cuda:7", err);
        Assert.False(Directory.Exists(tmp.File("pred")) && Directory.EnumerateFiles(tmp.File("pred")).Any());
    }
}
