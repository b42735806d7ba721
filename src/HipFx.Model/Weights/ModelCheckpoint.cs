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
        if (metadata.Classes.Count < 1)
        {
            throw new HipFxDataException("the checkpoint lists no classes", path, "__metadata__.hipfx.classes");
        }
        return metadata;
    }
}
