using HipFx.Core;
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

    /// <summary>The checkpoint file <paramref name="modelPath"/> names or holds.</summary>
    public static string ResolveCheckpoint(string modelPath)
    {
        if (File.Exists(modelPath))
        {
            return Path.GetFullPath(modelPath);
        }
        if (!Directory.Exists(modelPath))
        {
            throw new HipFxConfigException($"--model: no such file or folder: {modelPath}");
        }
        foreach (string folder in new[] { modelPath, Path.Combine(modelPath, "weights") })
        {
            foreach (string name in new[] { "best.safetensors", "last.safetensors" })
            {
                string p = Path.Combine(folder, name);
                if (File.Exists(p))
                {
                    return Path.GetFullPath(p);
                }
            }
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.safetensors") is [var only])
            {
                return Path.GetFullPath(only);
            }
        }
        throw new HipFxDataException("no checkpoint here: expected best.safetensors, last.safetensors or a single *.safetensors (also under weights/)", modelPath);
    }
}
