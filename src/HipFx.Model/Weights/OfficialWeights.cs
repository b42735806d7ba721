using System.Collections;
using System.Text.RegularExpressions;
using HipFx.Core;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HipFx.Model.Weights;

/// <summary>
/// Imports an official DAMO-YOLO checkpoint (<c>.pth</c>/<c>.pt</c>, torch.save zip format) into a
/// <see cref="DamoYolo"/>: a plain state_dict or a training checkpoint with the weights under <c>model</c>
/// (how DAMO's save_ckpt writes it); a DistributedDataParallel <c>module.</c> prefix is removed. Keys and shapes
/// are checked strictly. The only tensors allowed to differ are the class layers (<c>head.gfl_cls.{0,1,2}.weight/bias</c>)
/// when the checkpoint has another class count (e.g. COCO's 80): they are re-initialised as in the official
/// init and listed in the <see cref="WeightImportReport"/>.
/// </summary>
public static partial class OfficialWeights
{
    [GeneratedRegex(@"^head\.gfl_cls\.\d+\.(weight|bias)$")]
    private static partial Regex ClassLayerKey();

    /// <summary>True for the keys of the class layers, the only ones that depend on the class count.</summary>
    public static bool IsClassLayerKey(string key) => ClassLayerKey().IsMatch(key);

    /// <summary>Reads the state dict of an official checkpoint file (tensors on the CPU).</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxDataException("checkpoint file not found", path);
        }
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not HipFxDataException)
        {
            throw new HipFxDataException($"not a readable PyTorch checkpoint (torch.save zip format): {e.Message}", path, inner: e);
        }
        IDictionary dict = root;
        if (root.ContainsKey("model") && root["model"] is IDictionary inner)
        {
            dict = inner;
        }
        else if (root.ContainsKey("state_dict") && root["state_dict"] is IDictionary sd)
        {
            dict = sd;
        }
        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry e in dict)
        {
            var key = e.Key as string ?? throw new HipFxDataException($"a state_dict key is not a string ({e.Key})", path);
            if (e.Value is not Tensor t)
            {
                throw new HipFxDataException(
                    $"entry '{key}' is a {e.Value?.GetType().Name ?? "null"}, not a tensor; expected a state_dict or a dict with a 'model' state_dict",
                    path, key);
            }
            result[key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key] = t;
        }
        return result;
    }

    /// <summary>Loads an official checkpoint into <paramref name="model"/> (see the class summary).</summary>
    public static WeightImportReport Import(DamoYolo model, string path)
    {
        var source = ReadStateDict(path);
        try
        {
            return Import(model, source, path);
        }
        finally
        {
            foreach (var t in source.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Loads an in-memory official state dict into <paramref name="model"/>.</summary>
    public static WeightImportReport Import(DamoYolo model, IReadOnlyDictionary<string, Tensor> source, string sourceName)
    {
        var target = model.state_dict();
        var diff = StateDicts.Compare(target, source);
        var classKeys = target.Keys.Where(IsClassLayerKey).ToHashSet();
        int sourceClasses = source.TryGetValue("head.gfl_cls.0.bias", out var b) && b.dim() == 1 ? (int)b.shape[0] : -1;

        bool otherClassCount = diff.Mismatched.Count > 0 && diff.Mismatched.All(m => classKeys.Contains(m.Key))
            && diff.Missing.Count == 0 && diff.Unexpected.Count == 0;
        if (!diff.IsEmpty && !otherClassCount)
        {
            string hint = source.Keys.Any(k => k.Contains("rbr_reparam", StringComparison.Ordinal)) && !model.IsDeploy
                ? " (the checkpoint is in fused deploy form: load it into DamoYolo.TinyDeploy)"
                : "";
            throw new HipFxDataException($"not a DAMO-YOLO-T checkpoint for this model{hint}: {diff.Describe()}", sourceName);
        }

        var skip = otherClassCount ? classKeys : new HashSet<string>();
        StateDicts.CopyStrict(model, source, sourceName, skip);
        if (otherClassCount)
        {
            model.Head.ResetClassLayers();
        }
        var reinitialized = target.Keys.Where(skip.Contains).ToList();
        return new WeightImportReport(sourceName, target.Count - reinitialized.Count, sourceClasses, model.NumClasses, reinitialized);
    }
}
