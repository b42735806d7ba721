using System.Globalization;
using HipFx.Core;

namespace HipFx.Torch;

/// <summary>The kind of compute device.</summary>
public enum DeviceKind
{
    Cpu,
    Cuda,
}

/// <summary>
/// Where a command runs, parsed once from <c>--device</c>: <c>cpu</c>, <c>cuda</c> (= <c>cuda:0</c>),
/// <c>cuda:N</c>, or several GPUs <c>cuda:0,1</c>. Availability is checked by <see cref="TorchRuntime"/>.
/// </summary>
public sealed record DeviceSpec
{
    private DeviceSpec(DeviceKind kind, IReadOnlyList<int> indices)
    {
        Kind = kind;
        Indices = indices;
    }

    public DeviceKind Kind { get; }

    /// <summary>GPU indices, in the order given (empty for CPU).</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The CPU.</summary>
    public static DeviceSpec Cpu { get; } = new(DeviceKind.Cpu, []);

    /// <summary>Whether this spec names more than one GPU (data-parallel training).</summary>
    public bool IsMultiGpu => Indices.Count > 1;

    /// <summary>Parses a <c>--device</c> value.</summary>
    /// <exception cref="HipFxConfigException">The text is not a device spec.</exception>
    public static DeviceSpec Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "cpu")
        {
            return Cpu;
        }
        if (t == "cuda" || t == "gpu")
        {
            return new DeviceSpec(DeviceKind.Cuda, [0]);
        }
        if (t.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var parts = t[5..].Split(',', StringSplitOptions.TrimEntries);
            var indices = new List<int>();
            foreach (var p in parts)
            {
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                {
                    throw Bad(text, $"'{p}' is not a GPU index");
                }
                if (indices.Contains(i))
                {
                    throw Bad(text, $"GPU {i} is named twice");
                }
                indices.Add(i);
            }
            if (indices.Count > 0)
            {
                return new DeviceSpec(DeviceKind.Cuda, indices);
            }
        }
        throw Bad(text, "expected cpu, cuda, cuda:0 or cuda:0,1");
    }

    /// <summary>TorchSharp device strings, one per device (<c>cpu</c> or <c>cuda:N</c>).</summary>
    public IReadOnlyList<string> TorchDeviceNames =>
        Kind == DeviceKind.Cpu ? ["cpu"] : Indices.Select(i => $"cuda:{i}").ToArray();

    public override string ToString() =>
        Kind == DeviceKind.Cpu ? "cpu" : "cuda:" + string.Join(',', Indices);

    private static HipFxConfigException Bad(string text, string why) =>
        new($"--device '{text}': {why}");
}
