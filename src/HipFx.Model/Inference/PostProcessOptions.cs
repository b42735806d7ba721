using HipFx.Core;

namespace HipFx.Model.Inference;

/// <summary>
/// Post-processing settings, defaults from the official eval (damo-yolo-t.md §6). Validated on construction
/// of <see cref="PostProcessor"/>.
/// </summary>
public sealed record PostProcessOptions
{
    /// <summary>Keep (prior, class) pairs whose score is strictly greater than this. Default 0.05.</summary>
    public double ScoreThreshold { get; init; } = 0.05;

    /// <summary>Per-class NMS: suppress a box whose IoU with a kept box of the same class is greater than this. Default 0.7.</summary>
    public double IouThreshold { get; init; } = 0.7;

    /// <summary>At most this many detections per image, highest scores first. Default 500.</summary>
    public int MaxDetections { get; init; } = 500;

    public void Validate()
    {
        if (!(ScoreThreshold >= 0 && ScoreThreshold < 1))
        {
            throw OptionRules.Fail(nameof(ScoreThreshold), $"must be in [0, 1), got {ScoreThreshold}");
        }
        if (!(IouThreshold > 0 && IouThreshold <= 1))
        {
            throw OptionRules.Fail(nameof(IouThreshold), $"must be in (0, 1], got {IouThreshold}");
        }
        OptionRules.Positive(MaxDetections);
    }
}
