using System.Collections;
using System.Text.Json;
using HipFx.Tests;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

/// <summary>
/// One golden folder under shared/reference (official DAMO-YOLO outputs): the state dict (weights.pt), the
/// tensors (tensors.safetensors) and the key list (keys.json). Loaded once per test class.
/// </summary>
public sealed class GoldenSet : IDisposable
{
    public const string Default = "damo-yolo-t-golden";
    public const string Perturbed = "damo-yolo-t-golden-perturbed";

    public GoldenSet(string name)
    {
        Harness.EnsureTorch();
        Name = name;
        Folder = RepoPaths.SharedFile("reference", name);
        Weights = ToDictionary(PyTorchUnpickler.UnpickleStateDict(Path.Combine(Folder, "weights.pt")));
        Tensors = Safetensors.LoadStateDict(Path.Combine(Folder, "tensors.safetensors"));
        using var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "keys.json")));
        Keys = keys.RootElement.EnumerateArray()
            .Select(e => new GoldenKey(e.GetProperty("key").GetString()!,
                e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                e.GetProperty("dtype").GetString()!))
            .ToList();
    }

    public string Name { get; }

    public string Folder { get; }

    public Dictionary<string, Tensor> Weights { get; }

    public Dictionary<string, Tensor> Tensors { get; }

    public IReadOnlyList<GoldenKey> Keys { get; }

    public string WeightsPath => Path.Combine(Folder, "weights.pt");

    public Tensor this[string key] => Tensors.TryGetValue(key, out var t) ? t : throw new KeyNotFoundException($"{Name}: no tensor '{key}'");

    private static Dictionary<string, Tensor> ToDictionary(Hashtable table)
    {
        var d = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry e in table)
        {
            d[(string)e.Key] = (Tensor)e.Value!;
        }
        return d;
    }

    public void Dispose()
    {
        foreach (var t in Weights.Values.Concat(Tensors.Values))
        {
            t.Dispose();
        }
    }
}

public sealed record GoldenKey(string Key, long[] Shape, string DType);

public sealed class DefaultGolden() : IDisposable
{
    public GoldenSet Set { get; } = new(GoldenSet.Default);

    public void Dispose() => Set.Dispose();
}

public sealed class PerturbedGolden() : IDisposable
{
    public GoldenSet Set { get; } = new(GoldenSet.Perturbed);

    public void Dispose() => Set.Dispose();
}
