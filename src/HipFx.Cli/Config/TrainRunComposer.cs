using HipFx.Core;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using HipFx.Data.Labels;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Torch;
using HipFx.Training.Loop;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;

namespace HipFx.Cli.Config;

/// <summary>
/// Turns a resolved <see cref="TrainConfig"/> into the trainer's <see cref="TrainRunSetup"/>: the data section becomes
/// the pipeline's training data, the runtime section the step's devices; <see cref="TrainRunParts"/> wires them (and
/// the validator) into the setup. Builds records and factories only; the runner calls the factories.
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
            Annotations = new AnnotationOptions { ClassMap = classMap, Difficult = difficult },
            Options = new TrainingDataOptions { IncludeNoFracture = config.Data.IncludeNoFracture, SkipBadImages = config.Data.SkipBadImages },
        };
        return TrainRunParts.Build(config.Train, data, config.Augment, config.Loader, config.Step,
            TrainStep.DevicesFor(device, config.Step), runDirectory, resume, configText, cancellation);
    }
}
