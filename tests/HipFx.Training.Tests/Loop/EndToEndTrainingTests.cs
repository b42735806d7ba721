using HipFx.Core;
using HipFx.Data.Augment;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using HipFx.Data.Runs;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;
using HipFx.Training.Inference;
using HipFx.Training.Loop;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;
using HipFx.Training.Tests.Fakes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Loop;

/// <summary>
/// The real parts together on PNG files: the cached, augmented, prefetching batch source, the N-replica step (one CPU
/// replica), the loop, and validation of the EMA model through the in-memory detector and the evaluation metrics; the
/// run folder then serves a detector opened from it, with tau.json locked.
/// </summary>
public sealed class EndToEndTrainingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_real_pipeline_step_and_validator_train_and_leave_a_usable_run_folder()
    {
        TinyRun.Deterministic();
        using var temp = RepoPaths.NewTempFolder();
        var train = new List<TrainingImage>();
        var val = new List<EvalImage>();
        var valFiles = new Dictionary<string, string>();
        for (int i = 0; i < 8; i++)
        {
            string path = Path.Combine(temp.Path, $"img{i}.png");
            using (var image = new Image<L8>(96, 80, new L8((byte)(20 + i))))
            {
                for (int y = 20; y < 50; y++)
                {
                    for (int x = 10 + i; x < 50 + i; x++)
                    {
                        image[x, y] = new L8(230);
                    }
                }
                image.SaveAsPng(path);
            }
            var box = new GroundTruthBox((FractureClass)(i % 4), new Box(10 + i, 20, 50 + i, 50));
            if (i < 6)
            {
                train.Add(new TrainingImage($"img{i}", path, (ImageLabel)(i % 4), [box]));
            }
            else
            {
                val.Add(new EvalImage($"img{i}", $"p{i}", (ImageLabel)(i % 4), [box], 96, 80));
                valFiles[$"img{i}"] = path;
            }
        }
        var truth = new ManifestGroundTruth(val, valFiles, "hash", "val", "labelimg_edge");
        var options = TinyRun.Options(epochs: 2);
        var run = new RunFolder(Path.Combine(temp.Path, "run"));
        var setup = new TrainRunSetup
        {
            Options = options,
            RunDirectory = run.Path,
            Classes = TinyRun.Classes,
            InputSize = TinyRun.Size,
            IntensityMapping = IntensityMapping.Default.ToString(),
            BatchSource = () => new AugmentedBatchSource(
                CachedDataset.Open(train, Path.Combine(temp.Path, "cache"), TinyRun.Size, IntensityMapping.Default),
                AugmentOptions.Default, new LoaderOptions { Workers = 1 }, options.BatchSize, options.Schedule.Epochs, options.Seed, ownsData: true),
            Step = m => TrainStep.Create(m, [CPU]),
            Validator = () => DetectorValidator.ForModelInput(truth, new ModelInput(TinyRun.Size, TinyRun.Size, IntensityMapping.Default), 2),
        };
        var observer = new RecordingObserver();
        var outcome = new TrainRunner(setup, observer).Run();

        Assert.Equal(TrainingEnd.Completed, outcome.End);
        Assert.Equal(6, outcome.Iterations);
        Assert.Equal(2, observer.Validations.Count);
        Assert.All(observer.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.Loss > 0, $"loss {s.Loss}"));
        Assert.True(File.Exists(run.BestCheckpoint));
        var tau = TauSelection.Read(run.TauFile);
        Assert.Equal("val", tau.Split);
        Assert.Equal(2, tau.Images);
        using var detector = ModelDetector.Open(run.FindCheckpoint()!);
        Assert.Equal(2, DetectorRuns.Run(detector, valFiles.ToList()).Count);
    }
}
