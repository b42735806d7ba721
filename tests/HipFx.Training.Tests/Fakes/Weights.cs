using HipFx.Model.Weights;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Fakes;

internal static class Weights
{
    /// <summary>Keys whose tensors differ (bit for bit) between two safetensors files; empty when equal.</summary>
    public static List<string> Differences(string a, string b)
    {
        var (_, ta) = SafetensorsFile.Read(a);
        var (_, tb) = SafetensorsFile.Read(b);
        try
        {
            var db = tb.ToDictionary(kv => kv.Key, kv => kv.Value);
            var diff = ta.Where(kv => !db.TryGetValue(kv.Key, out var other) || !Same(kv.Value, other)).Select(kv => kv.Key).ToList();
            if (ta.Count != tb.Count)
            {
                diff.Add($"count {ta.Count} vs {tb.Count}");
            }
            return diff;
        }
        finally
        {
            foreach (var t in ta.Concat(tb))
            {
                t.Value.Dispose();
            }
        }
    }

    /// <summary>Same shape, dtype and bits.</summary>
    public static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype)
        {
            return false;
        }
        using var eq = a.eq(b);
        using var all = eq.all();
        return all.item<bool>();
    }

    public static Dictionary<string, Tensor> Snapshot(TorchSharp.torch.nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
