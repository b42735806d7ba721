using HipFx.Core;
using HipFx.Data.Augment;
using HipFx.Data.Manifests;
using HipFx.Evaluation.Pipeline;
using HipFx.Training.Inference;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Loop;

/// <summary>
/// Wires the layers' own options records into one <see cref="TrainRunSetup"/>, so <c>hipfx train</c> only parses its
/// config and calls <see cref="TrainRunner"/>: the cached augmented batch source over <paramref name="data"/>, the
/// step over <paramref name="devices"/> (one replica each), and, unless validation is off, the validator over the
/// manifest's <c>train.validation.split</c> with the run's input size and intensity mapping.
/// </summary>
public static class TrainRunParts
{
    public static TrainRunSetup Build(
        TrainOptions train,
        TrainingData data,
        AugmentOptions augment,
        LoaderOptions loader,
        StepOptions step,
        IReadOnlyList<Device> devices,
        string runDirectory,
        bool resume = false,
        string? configText = null,
        CancellationToken cancellation = default)
    {
        train.Validated();
        if (augment.NoAugEpochs != train.Schedule.NoAugEpochs)
        {
            throw new HipFxConfigException(
                $"train.no_aug_epochs ({train.Schedule.NoAugEpochs}) and the pipeline's no-aug epochs ({augment.NoAugEpochs}) differ; one key must drive both");
        }
        var input = new ModelInput(data.Size, data.Size, data.Mapping);
        Func<ITrainValidator>? validator = null;
        if (train.Validation.EveryEpochs > 0)
        {
            var split = DatasetSplits.Parse(train.Validation.Split);
            validator = () => DetectorValidator.ForModelInput(ManifestGroundTruth.Load(data.ManifestPath, split, data.Annotations), input,
                train.Validation.BatchSize);
        }
        return new TrainRunSetup
        {
            Options = train,
            RunDirectory = runDirectory,
            Resume = resume,
            Classes = ClassNames.FractureClasses.Select(c => c.Name()).ToList(),
            InputSize = data.Size,
            IntensityMapping = data.Mapping.ToString(),
            ConfigText = configText,
            BatchSource = () => new AugmentedBatchSource(data.Open(loader.Workers, cancellation), augment, loader, train.BatchSize,
                train.Schedule.Epochs, train.Seed, ownsData: true),
            Step = model =>
            {
                model.to(devices[0]);
                return TrainStep.Create(model, devices, step);
            },
            Validator = validator,
        };
    }
}
