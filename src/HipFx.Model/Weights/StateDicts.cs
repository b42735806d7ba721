using HipFx.Core;
using static TorchSharp.torch;

namespace HipFx.Model.Weights;

/// <summary>One state_dict entry whose shape differs between a model and a source.</summary>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Found)
{
    public override string ToString() => $"{Key}: expected {StateDicts.Format(Expected)}, found {StateDicts.Format(Found)}";
}

/// <summary>
/// State-dict comparison and strict copying. TorchSharp's <c>load_state_dict</c> copies with <c>copy_</c>, so a
/// broadcastable wrong shape loads silently; these helpers check every key and shape first.
/// </summary>
public static class StateDicts
{
    public static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The differences between a model's state_dict (expected) and a source (found).</summary>
    public static StateDictDiff Compare(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> found)
    {
        var missing = expected.Keys.Where(k => !found.ContainsKey(k)).ToList();
        var unexpected = found.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var mismatched = expected
            .Where(kv => found.TryGetValue(kv.Key, out var f) && !kv.Value.shape.SequenceEqual(f.shape))
            .Select(kv => new ShapeMismatch(kv.Key, kv.Value.shape, found[kv.Key].shape))
            .ToList();
        return new StateDictDiff(missing, unexpected, mismatched);
    }

    /// <summary>
    /// Copies every source tensor into the model's live parameter or buffer of the same key, converting dtype and
    /// device. Keys in <paramref name="skip"/> are left untouched. Throws <see cref="HipFxDataException"/> naming
    /// every difference when keys or shapes do not match exactly.
    /// </summary>
    public static void CopyStrict(nn.Module model, IReadOnlyDictionary<string, Tensor> source, string? sourcePath = null,
        IReadOnlySet<string>? skip = null)
    {
        var target = model.state_dict();
        var diff = Compare(target, source);
        var blocking = diff.Without(skip ?? new HashSet<string>());
        if (!blocking.IsEmpty)
        {
            throw new HipFxDataException($"the weights do not fit {model.GetName()}: {blocking.Describe()}", sourcePath);
        }
        using var _ = no_grad();
        foreach (var (key, dst) in target)
        {
            if (skip?.Contains(key) == true)
            {
                continue;
            }
            dst.copy_(source[key]);
        }
    }
}

/// <summary>Result of <see cref="StateDicts.Compare"/>.</summary>
public sealed record StateDictDiff(IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, IReadOnlyList<ShapeMismatch> Mismatched)
{
    public bool IsEmpty => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    public StateDictDiff Without(IReadOnlySet<string> keys) => new(
        Missing.Where(k => !keys.Contains(k)).ToList(),
        Unexpected.Where(k => !keys.Contains(k)).ToList(),
        Mismatched.Where(m => !keys.Contains(m.Key)).ToList());

    /// <summary>Every difference, one per line after a count summary.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        lines.AddRange(Missing.Select(k => $"missing {k}"));
        lines.AddRange(Unexpected.Select(k => $"unexpected {k}"));
        lines.AddRange(Mismatched.Select(m => $"shape {m}"));
        return $"{Missing.Count} missing, {Unexpected.Count} unexpected, {Mismatched.Count} mis-shaped key(s):"
            + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  " + l));
    }
}
