using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Model;
using HipFx.Model.Inference;
using HipFx.Model.Weights;
using HipFx.Tests;
using HipFx.Torch;
using HipFx.Training.Inference;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Inference;

public sealed class ModelDetectorTests
{
    private static readonly PostProcessOptions Everything = new() { ScoreThreshold = 0.001, MaxDetections = 50 };

    public ModelDetectorTests()
    {
        TorchRuntime.EnsureInitialized();
    }

    /// <summary>A 16-bit gradient with a bright square: not a multiple of the input size, so the stretch interpolates.</summary>
    private static RadiographImage Radiograph(int width, int height, int seed)
    {
        var pixels = new ushort[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool square = x > width / 3 && x < width / 2 && y > height / 4 && y < height / 2;
                pixels[y * width + x] = (ushort)((x * 97 + y * 31 + seed * 1009) % 40000 + (square ? 20000 : 0));
            }
        }
        return new RadiographImage(width, height, 16, pixels);
    }

    [Fact]
    public void The_model_sees_exactly_the_bytes_of_the_shared_host_resize_rule()
    {
        using var model = DamoYolo.Tiny(4);
        var input = new ModelInput(64, 96, new IntensityMapping { Mode = IntensityMode.Percentile });
        using var detector = ModelDetector.ForModel(model, input);
        var images = new[] { Radiograph(150, 211, 1), Radiograph(40, 33, 2) };

        using var scope = NewDisposeScope();
        var batch = detector.MakeBatch(images);

        Assert.Equal([2L, 3, 96, 64], batch.shape);
        for (int i = 0; i < images.Length; i++)
        {
            var expected = ModelInputImage.Prepare(images[i], input.Mapping, 64, 96).Select(b => (float)b).ToArray();
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(expected, batch[i, c].flatten().data<float>().ToArray());
            }
        }
    }

    [Fact]
    public void A_live_model_keeps_its_train_or_eval_mode_and_detections_come_back_in_original_pixels()
    {
        using var model = DamoYolo.Tiny(4);
        var input = new ModelInput(64, 64, IntensityMapping.Default);
        using var detector = ModelDetector.ForModel(model, input, postProcess: Everything);
        var image = Radiograph(128, 192, 3);

        model.train();
        var inTrain = detector.Detect([image]);
        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training));

        model.eval();
        var inEval = detector.Detect([image]);
        Assert.False(model.training);

        Assert.NotEmpty(inTrain[0]);
        Assert.Equal(inEval[0].Select(d => (d.Class, d.Score, d.Box)), inTrain[0].Select(d => (d.Class, d.Score, d.Box)));
        // The same input bytes at the model's size, predicted directly: boxes scaled by (128/64, 192/64).
        using var scope = NewDisposeScope();
        using var predictor = new Predictor(model, new PredictorOptions { InputWidth = 64, InputHeight = 64, PostProcess = Everything, Fuse = false });
        var direct = predictor.Predict(detector.MakeBatch([image]), [(64, 64)]);
        var d0 = direct[0][0];
        Assert.Equal(d0.Box.X2 * 2, inEval[0][0].Box.X2, 3);
        Assert.Equal(d0.Box.Y2 * 3, inEval[0][0].Box.Y2, 3);
        Assert.Equal(d0.Score, inEval[0][0].Score);
    }

    [Fact]
    public void A_checkpoint_opens_with_its_recorded_size_and_mapping_and_an_unknown_mapping_names_the_file()
    {
        using var tmp = RepoPaths.NewTempFolder();
        using var model = DamoYolo.Tiny(4);
        var classes = ClassNames.FractureClasses.Select(c => c.Name()).ToList();
        string good = tmp.File("good.safetensors"), bad = tmp.File("bad.safetensors");
        ModelCheckpoint.Save(good, model, new ModelMetadata { Classes = classes, InputWidth = 96, InputHeight = 64, IntensityMapping = "window(100,3000)" });
        ModelCheckpoint.Save(bad, model, new ModelMetadata { Classes = classes, IntensityMapping = "gamma(2.2)" });

        using (var detector = ModelDetector.Open(good, postProcess: Everything))
        {
            Assert.Equal(new ModelInput(96, 64, new IntensityMapping { Mode = IntensityMode.Window, WindowLow = 100, WindowHigh = 3000 }), detector.Input);
            model.eval();
            using var unfused = ModelDetector.ForModel(model, detector.Input, postProcess: Everything);
            var image = Radiograph(200, 150, 4);
            // Fused once on open: the same detections as the unfused weights, within float noise.
            var (a, b) = (detector.Detect([image])[0][0], unfused.Detect([image])[0][0]);
            Assert.Equal(b.Score, a.Score, 4);
            Assert.Equal(b.Box.X1, a.Box.X1, 1);
        }

        var e = Assert.Throws<HipFxDataException>(() => ModelDetector.Open(bad));
        Assert.Equal(bad, e.FilePath);
        Assert.Contains("gamma(2.2)", e.Message);
    }
}
