using HipFx.Core;

namespace HipFx.Cli.Config;

/// <summary>The one validation of a <see cref="TrainConfig"/>: each record's own rules, then the rules across sections.</summary>
internal static class TrainConfigValidation
{
    public static TrainConfig Validate(TrainConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.Data.Manifest))
        {
            throw new HipFxConfigException("data.manifest: required: the manifest CSV to train on (or --set data.manifest=PATH)");
        }
        if (config.Train.Validation.EveryEpochs > 0 && config.Data.TrainSplit == config.Train.Validation.Split)
        {
            throw new HipFxConfigException($"train.validation.split: must differ from data.train_split ('{config.Data.TrainSplit}')");
        }
        config.Train.Validated();
        config.Augment.Validate();
        config.Step.Validate();
        config.Loader.Validate();
        try
        {
            HipFx.Torch.DeviceSpec.Parse(config.Runtime.Device);
        }
        catch (HipFxConfigException e)
        {
            throw new HipFxConfigException($"runtime.device: {e.Message}");
        }
        return config;
    }
}
