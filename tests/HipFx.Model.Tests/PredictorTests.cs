using HipFx.Core;
using HipFx.Model.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class PredictorTests : TorchTest, IClassFixture<PerturbedGolden>
{
    private readonly GoldenSet golden;

    public PredictorTests(PerturbedGolden fixture)
    {
        golden = fixture.Set;
    }

    /// <summary>
    /// The golden 320² input, nearest-upsampled ×3 in y and ×2 in x to a 960×640 "original": the predictor's bilinear
    /// stretch back to 320² samples the block centres, so it sees the golden input exactly and must return the
    /// official detections scaled by (2, 3).
    /// </summary>
    [Fact]
    public void Detections_come_back_in_original_image_coordinates()
    {
        using var model = Harness.LoadedModel(golden);
        using var predictor = new Predictor(model, new PredictorOptions { InputWidth = 320, InputHeight = 320 });
        using var original = golden["input"].repeat_interleave(3, dim: 2).repeat_interleave(2, dim: 3);
        Assert.Equal([1L, 3, 960, 640], original.shape);

        var detections = predictor.Predict(original);
        var fromList = predictor.Predict([original[0]]);

        var refBoxes = golden["final_boxes"].data<float>().ToArray();
        var refScores = golden["final_scores"].data<float>().ToArray();
        var refLabels = golden["final_labels"].data<long>().ToArray();
        foreach (var result in new[] { detections[0], fromList[0] })
        {
            Assert.Equal(refScores.Length, result.Count);
            double maxDiff = 0;
            for (int i = 0; i < result.Count; i++)
            {
                var d = result[i];
                Assert.Equal((FractureClass)refLabels[i], d.Class);
                Assert.Equal(refScores[i], d.Score, 5);
                maxDiff = Math.Max(maxDiff, Math.Abs(d.Box.X1 - 2 * refBoxes[4 * i]));
                maxDiff = Math.Max(maxDiff, Math.Abs(d.Box.Y1 - 3 * refBoxes[4 * i + 1]));
                maxDiff = Math.Max(maxDiff, Math.Abs(d.Box.X2 - 2 * refBoxes[4 * i + 2]));
                maxDiff = Math.Max(maxDiff, Math.Abs(d.Box.Y2 - 3 * refBoxes[4 * i + 3]));
            }
            Assert.True(maxDiff < 1e-2, $"max box difference {maxDiff} px");
        }
    }

    [Fact]
    public void Repeated_predictions_leave_no_live_tensors_behind()
    {
        using var model = Harness.LoadedModel(golden);
        using var predictor = new Predictor(model, new PredictorOptions { InputWidth = 128, InputHeight = 128 });
        using var images = rand(2, 3, 100, 150) * 255;
        predictor.PredictRaw(images); // warm-up
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++)
        {
            var r = predictor.PredictRaw(images);
            Assert.Equal(2, r.Count);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Bad_input_and_options_are_rejected()
    {
        using var model = DamoYolo.Tiny(4);
        Assert.Throws<HipFxConfigException>(() => new Predictor(model, new PredictorOptions { InputWidth = 100 }));
        using var predictor = new Predictor(model, new PredictorOptions { InputWidth = 64, InputHeight = 64, Fuse = false });
        using var gray = zeros(1, 1, 64, 64);
        Assert.Throws<ArgumentException>(() => predictor.Predict(gray));
        using var coco = DamoYolo.Tiny(80);
        using var cocoPredictor = new Predictor(coco, new PredictorOptions { InputWidth = 64, InputHeight = 64 });
        using var img = zeros(1, 3, 64, 64);
        Assert.Throws<InvalidOperationException>(() => cocoPredictor.Predict(img));
        Assert.Single(cocoPredictor.PredictRaw(img));
    }
}
