using System.Text.Json;
using System.Text.Json.Serialization;
using HipFx.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Model.Weights;

/// <summary>A model read from a hipfx checkpoint, with what it needs to be used.</summary>
public sealed record LoadedModel(DamoYolo Model, ModelMetadata Metadata);

/// <summary>
/// hipfx's model checkpoint: one safetensors file whose <c>__metadata__</c> holds
/// <c>format</c> = <see cref="ModelMetadata.FormatTag"/> and <c>hipfx</c> = the <see cref="ModelMetadata"/> as JSON,
/// followed by the full state_dict (official key names; training or deploy form). Any safetensors reader can open
/// it; the weights load into PyTorch's DAMO-YOLO with <c>load_state_dict</c>. See CHECKPOINT.md.
/// </summary>
public static class ModelCheckpoint
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Save(string path, DamoYolo model, ModelMetadata metadata)
    {
        if (metadata.Classes.Count != model.NumClasses)
        {
            throw new ArgumentException($"metadata lists {metadata.Classes.Count} classes, the model has {model.NumClasses}", nameof(metadata));
        }
        if (metadata.Deploy != model.IsDeploy)
        {
            throw new ArgumentException($"metadata says deploy={metadata.Deploy}, the model is deploy={model.IsDeploy}", nameof(metadata));
        }
        var header = new Dictionary<string, string>
        {
            ["format"] = ModelMetadata.FormatTag,
            ["hipfx"] = JsonSerializer.Serialize(metadata, Json),
        };
        SafetensorsFile.Write(path, model.state_dict(), header);
    }

    public static ModelMetadata ReadMetadata(string path) => ParseMetadata(SafetensorsFile.ReadMetadata(path), path);

    /// <summary>Builds the model the metadata describes, loads the weights strictly, and moves it to <paramref name="device"/>.</summary>
    public static LoadedModel Load(string path, Device? device = null)
    {
        var (header, tensors) = SafetensorsFile.Read(path);
        try
        {
            var metadata = ParseMetadata(header, path);
            var model = metadata.Deploy ? DamoYolo.TinyDeploy(metadata.Classes.Count) : DamoYolo.Tiny(metadata.Classes.Count);
            try
            {
                StateDicts.CopyStrict(model, tensors.ToDictionary(kv => kv.Key, kv => kv.Value), path);
                if (device is not null)
                {
                    model.to(device);
                }
                model.eval();
                return new LoadedModel(model, metadata);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var t in tensors)
            {
                t.Value.Dispose();
            }
        }
    }

    /// <summary>Largest network input side a checkpoint may ask for (a 65,536-pixel side made libtorch try to
    /// allocate 51 GB). 4096 is four times the recipe's 1024.</summary>
    public const int MaxInputSide = 4096;

    /// <summary>Most classes a checkpoint may list.</summary>
    public const int MaxClasses = 1000;

    /// <summary>Checks the metadata as data, before any model is built from it: each failure names the file and key.</summary>
    private static void Validate(ModelMetadata m, string path)
    {
        const string at = "__metadata__.hipfx";
        if (m.FormatVersion < 1)
        {
            throw new HipFxDataException($"formatVersion is {m.FormatVersion}, expected 1..{ModelMetadata.CurrentFormatVersion}", path, at + ".formatVersion");
        }
        if (m.Architecture != "damo-yolo-t")
        {
            throw new HipFxDataException($"architecture is '{Echo.Text(m.Architecture)}', expected 'damo-yolo-t'", path, at + ".architecture");
        }
        if (m.Classes.Count > MaxClasses || m.Classes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 256))
        {
            throw new HipFxDataException($"classes must be 1..{MaxClasses} non-empty names of at most 256 characters", path, at + ".classes");
        }
        foreach (var (key, side) in new[] { ("inputWidth", m.InputWidth), ("inputHeight", m.InputHeight) })
        {
            if (side < 32 || side > MaxInputSide || side % 32 != 0)
            {
                throw new HipFxDataException($"{key} is {side}, expected a multiple of 32 from 32 to {MaxInputSide}", path, $"{at}.{key}");
            }
        }
    }

    private static ModelMetadata ParseMetadata(IReadOnlyDictionary<string, string> header, string path)
    {
        if (!header.TryGetValue("format", out var format) || format != ModelMetadata.FormatTag)
        {
            throw new HipFxDataException(
                $"not a hipfx model checkpoint: __metadata__.format is '{format ?? "(absent)"}', expected '{ModelMetadata.FormatTag}' "
                + "(import official .pth files with the weight importer instead)", path, "__metadata__.format");
        }
        if (!header.TryGetValue("hipfx", out var json))
        {
            throw new HipFxDataException("the checkpoint has no __metadata__.hipfx block", path, "__metadata__.hipfx");
        }
        ModelMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(json, Json)
                ?? throw new HipFxDataException("__metadata__.hipfx is null", path, "__metadata__.hipfx");
        }
        catch (JsonException e)
        {
            throw new HipFxDataException($"__metadata__.hipfx is not valid: {e.Message}", path, "__metadata__.hipfx", e);
        }
        if (metadata.FormatVersion > ModelMetadata.CurrentFormatVersion)
        {
            throw new HipFxDataException(
                $"checkpoint format version {metadata.FormatVersion} is newer than this hipfx reads ({ModelMetadata.CurrentFormatVersion})",
                path, "__metadata__.hipfx.formatVersion");
        }
        if (metadata.Classes is null || metadata.Classes.Count < 1)
        {
            throw new HipFxDataException("the checkpoint lists no classes", path, "__metadata__.hipfx.classes");
        }
        Validate(metadata, path);
        return metadata;
    }
}
