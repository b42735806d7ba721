using System.Reflection;
using HipFx.Torch;

namespace HipFx.Model.Weights;

/// <summary>
/// What a hipfx model checkpoint needs besides its weights to be used correctly (stored as JSON in the
/// safetensors header; see CHECKPOINT.md beside this file).
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>The format tag written to and required from <c>__metadata__.format</c>.</summary>
    public const string FormatTag = "hipfx.damo-yolo-t";

    /// <summary>Version of the checkpoint layout; bumped on incompatible changes.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Architecture name; only "damo-yolo-t" exists.</summary>
    public string Architecture { get; init; } = "damo-yolo-t";

    /// <summary>Class names in class-index order (the head has one output per class).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Network input width the model was trained for (images are stretched to it). Default 1024.</summary>
    public int InputWidth { get; init; } = 1024;

    /// <summary>Network input height. Default 1024.</summary>
    public int InputHeight { get; init; } = 1024;

    /// <summary>
    /// How stored image intensities become network input, as named by the data pipeline (e.g. a DICOM window rule);
    /// the network itself always takes RGB floats in 0..255 without normalisation. Default "rgb-0-255".
    /// </summary>
    public string IntensityMapping { get; init; } = "rgb-0-255";

    /// <summary>True when the weights are the RepConv-fused deploy form (keys <c>rbr_reparam.*</c>).</summary>
    public bool Deploy { get; init; }

    /// <summary>The resolved training configuration, verbatim (YAML or JSON text), when known.</summary>
    public string? Config { get; init; }

    /// <summary>Free-form facts about the weights (epoch, EMA, validation AP, source checkpoint, ...).</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    public string HipFxVersion { get; init; } = CurrentHipFxVersion;

    public string TorchSharpVersion { get; init; } = TorchRuntime.TorchSharpVersion;

    /// <summary>The libtorch that wrote the file (the loaded one: bundled, or from --libtorch).</summary>
    public string LibtorchVersion { get; init; } = TorchRuntime.EnsureInitialized().LibtorchVersion;

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    public static string CurrentHipFxVersion =>
        typeof(ModelMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelMetadata).Assembly.GetName().Version?.ToString() ?? "unknown";
}
