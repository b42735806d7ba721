using HipFx.Data.Runs;
using HipFx.Training.Inference;
using System.CommandLine;

namespace HipFx.Cli.Models;

/// <summary>
/// The detector behind <c>--model</c>: starts torch as every torch command does, resolves the run folder or
/// checkpoint (<see cref="RunFolder.ResolveModel"/>) and opens it (<see cref="ModelDetector.Open"/>).
/// </summary>
internal static class DetectorLoader
{
    /// <summary>
    /// Loads libtorch and resolves <c>--device</c> (<see cref="TorchStartup"/>; an unavailable device exits 1), then
    /// opens the checkpoint onto the first device.
    /// </summary>
    public static ModelDetector Load(string modelPath, ParseResult parse, GlobalOptions globals, int batchSize)
    {
        string checkpoint = ResolveCheckpoint(modelPath);
        var (_, _, devices) = TorchStartup.Start(parse, globals);
        return ModelDetector.Open(checkpoint, devices[0], batchSize);
    }

    /// <summary>The checkpoint file <paramref name="modelPath"/> names or holds (<see cref="RunFolder.ResolveModel"/>).</summary>
    public static string ResolveCheckpoint(string modelPath) => RunFolder.ResolveModel(modelPath).Checkpoint;
}
