using HipFx.Core;

namespace HipFx.Evaluation.Pipeline;

/// <summary>Where detections come from: a model (<c>--model</c>) or a COCO results file (<c>--detections</c>), exactly one.</summary>
public static class DetectionSource
{
    /// <summary>Throws <see cref="HipFxConfigException"/> unless exactly one of the two is given.</summary>
    public static void RequireExactlyOne(string? modelPath, string? detectionsPath)
    {
        if ((modelPath is null) == (detectionsPath is null))
        {
            throw new HipFxConfigException("give exactly one of --model or --detections");
        }
    }
}
