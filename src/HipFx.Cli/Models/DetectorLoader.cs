using HipFx.Core;
using HipFx.Torch;

namespace HipFx.Cli.Models;

/// <summary>
/// Builds the detector behind <c>--model</c>: a hipfx checkpoint (<c>*.safetensors</c>) or a run folder holding
/// one (best.safetensors, else last.safetensors, else the only *.safetensors, also looked for under weights/).
/// </summary>
internal static class DetectorLoader
{
    public static ModelDetector Load(string modelPath, string device, string? libtorch, int batchSize)
    {
        string checkpoint = ResolveCheckpoint(modelPath);
        try
        {
            TorchRuntime.Initialize(new TorchRuntimeOptions { LibtorchDirectory = libtorch });
            var devices = TorchRuntime.Resolve(DeviceSpec.Parse(device));
            return new ModelDetector(checkpoint, devices[0], batchSize);
        }
        catch (TorchLoadException e)
        {
            throw new HipFxConfigException(e.Message, inner: e);
        }
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
