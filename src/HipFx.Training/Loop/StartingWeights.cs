using HipFx.Core;
using HipFx.Model;
using HipFx.Model.Weights;

namespace HipFx.Training.Loop;

/// <summary>
/// <c>train.init_weights</c>: loads a hipfx checkpoint (training form) into a freshly initialised model. Every key
/// must match by name and shape, except the class layers (<c>head.gfl_cls.*</c>), which keep their official init
/// when the checkpoint has another class count (the COCO release has 80).
/// </summary>
public static class StartingWeights
{
    private const string ClassLayerPrefix = "head.gfl_cls.";

    public static void Load(DamoYolo model, string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxConfigException($"train.init_weights: no such checkpoint: {path}");
        }
        var metadata = ModelCheckpoint.ReadMetadata(path);
        if (metadata.Deploy)
        {
            throw new HipFxDataException("the checkpoint is in deploy (fused) form; training needs the training form (import the .pth again without fusing)", path);
        }
        var (_, tensors) = SafetensorsFile.Read(path);
        try
        {
            var source = tensors.ToDictionary(kv => kv.Key, kv => kv.Value);
            var target = model.state_dict();
            var skip = target.Keys
                .Where(k => k.StartsWith(ClassLayerPrefix, StringComparison.Ordinal)
                    && source.TryGetValue(k, out var s) && !s.shape.SequenceEqual(target[k].shape))
                .ToHashSet();
            StateDicts.CopyStrict(model, source, path, skip);
        }
        finally
        {
            foreach (var t in tensors)
            {
                t.Value.Dispose();
            }
        }
    }
}
