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
        if (config.Data.TrainSplit == config.Data.ValSplit)
        {
            throw new HipFxConfigException($"data.val_split: must differ from data.train_split ('{config.Data.TrainSplit}')");
        }
        config.Optimizer.Validated();
        config.Schedule.Validated();
        config.Ema.Validated();
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
