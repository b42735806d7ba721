using HipFx.Cli.Models;
using HipFx.Core;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Evaluation.Pipeline;
using HipFx.Torch;
using HipFx.Training.Loop;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;

namespace HipFx.Cli.Config;

/// <summary>
/// Turns a resolved <see cref="TrainConfig"/> into the trainer's <see cref="TrainRunSetup"/>: the data section becomes
/// the pipeline's training data and the validation ground truth, the runtime section the step's devices. Builds
/// records and factories only; the runner calls the factories.
/// </summary>
internal static class TrainRunComposer
{
    public static TrainRunSetup Compose(TrainConfig config, string runDirectory, bool resume, string configText, DeviceSpec device,
        CancellationToken cancellation)
    {
        var mapping = new IntensityMapping { Mode = IntensityMapping.ParseMode(config.Data.Intensity) }.Validate();
        var classMap = config.Data.ClassMap is null ? ClassMap.Default : ClassMap.Default.WithFile(config.Data.ClassMap);
        var difficult = DifficultPolicies.Parse(config.Data.Difficult);
        string manifest = Path.GetFullPath(config.Data.Manifest);
        var data = new TrainingData
        {
            ManifestPath = manifest,
            Split = DatasetSplits.Parse(config.Data.TrainSplit),
            Size = config.Data.Size,
            Mapping = mapping,
            CacheFolder = config.Data.CacheDir is null ? null : Path.GetFullPath(config.Data.CacheDir),
            Annotations = new TrainingAnnotationOptions { ClassMap = classMap, Difficult = difficult },
            Options = new TrainingDataOptions { IncludeNoFracture = config.Data.IncludeNoFracture, SkipBadImages = config.Data.SkipBadImages },
        };
        var train = config.Train;
        var validation = train.Validation;
        return new TrainRunSetup
        {
            Options = train,
            RunDirectory = runDirectory,
            Resume = resume,
            Classes = ClassNames.FractureClasses.Select(c => c.Name()).ToList(),
            InputSize = config.Data.Size,
            IntensityMapping = mapping.Describe(),
            ConfigText = configText,
            BatchSource = () => new AugmentedBatchSource(data.Open(config.Loader.Workers, cancellation), config.Augment, config.Loader,
                train.BatchSize, train.Schedule.Epochs, train.Seed, ownsData: true),
            Step = model => TrainStep.Create(model, TrainStep.DevicesFor(device, config.Step), config.Step),
            Validator = validation.EveryEpochs == 0 ? null : () => new DetectorValidator(
                ManifestGroundTruth.Load(manifest, DatasetSplits.Parse(validation.Split), new GroundTruthOptions { ClassMap = classMap, Difficult = difficult }),
                model => new LiveModelDetector(model, config.Data.Size, mapping, validation.BatchSize)),
        };
    }
}
