using HipFx.Core;

namespace HipFx.Model.Inference;

/// <summary>How <see cref="Predictor"/> prepares images and filters detections.</summary>
public sealed record PredictorOptions
{
    /// <summary>Network input width: images are stretched to it (keep_ratio False, as in the official test transform). Default 1024.</summary>
    public int InputWidth { get; init; } = 1024;

    /// <summary>Network input height. Default 1024.</summary>
    public int InputHeight { get; init; } = 1024;

    /// <summary>Score threshold, NMS IoU and maximum detections (official defaults 0.05 / 0.7 / 500).</summary>
    public PostProcessOptions PostProcess { get; init; } = new();

    /// <summary>Fuse the RepConvs before predicting (same outputs within float noise, faster). Default true.</summary>
    public bool Fuse { get; init; } = true;

    public void Validate()
    {
        if (InputWidth < 32 || InputWidth % 32 != 0)
        {
            throw OptionRules.Fail(nameof(InputWidth), $"must be a positive multiple of 32, got {InputWidth}");
        }
        if (InputHeight < 32 || InputHeight % 32 != 0)
        {
            throw OptionRules.Fail(nameof(InputHeight), $"must be a positive multiple of 32, got {InputHeight}");
        }
        PostProcess.Validate();
    }
}
