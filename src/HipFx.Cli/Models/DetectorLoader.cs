using HipFx.Data.Runs;
using System.CommandLine;

namespace HipFx.Cli.Models;

/// <summary>
/// Builds the detector behind <c>--model</c>: a hipfx checkpoint (<c>*.safetensors</c>) or a run folder holding
/// one (best.safetensors, else last.safetensors, else the only *.safetensors, also looked for under weights/).
/// </summary>
internal static class DetectorLoader
{
    /// <summary>
    /// Loads libtorch and resolves <c>--device</c> as every torch command does (<see cref="TorchStartup"/>; an
    /// unavailable device exits 1), then the checkpoint onto the first device.
    /// </summary>
    public static ModelDetector Load(string modelPath, ParseResult parse, GlobalOptions globals, int batchSize)
    {
        string checkpoint = ResolveCheckpoint(modelPath);
        var (_, _, devices) = TorchStartup.Start(parse, globals);
        return new ModelDetector(checkpoint, devices[0], batchSize);
    }

    /// <summary>The checkpoint file <paramref name="modelPath"/> names or holds (<see cref="RunFolder.ResolveModel"/>).</summary>
    public static string ResolveCheckpoint(string modelPath) => RunFolder.ResolveModel(modelPath).Checkpoint;
}
