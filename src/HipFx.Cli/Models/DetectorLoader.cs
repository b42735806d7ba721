using HipFx.Core;
using HipFx.Evaluation.Pipeline;

namespace HipFx.Cli.Models;

/// <summary>
/// Builds the <see cref="IDetector"/> behind <c>--model</c> (a run folder or a checkpoint) for eval and predict.
/// The one place that knows the model layer: everything else takes detections through the seam.
/// </summary>
internal static class DetectorLoader
{
    public static IDetector Load(string modelPath, string device, int batchSize)
    {
        if (!File.Exists(modelPath) && !Directory.Exists(modelPath))
        {
            throw new HipFxConfigException($"--model: no such file or folder: {modelPath}");
        }
        // Waiting on the checkpoint format (training) to load DamoYolo weights into HipFx.Model's Predictor.
        throw new HipFxConfigException(
            $"--model {modelPath}: this build cannot load models yet (the checkpoint loader is not merged); " +
            "evaluate a COCO results file with --detections instead");
    }
}
