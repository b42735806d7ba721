using System.Globalization;
using System.Text.Json;
using HipFx.Core;
using HipFx.Core.Weights;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// A checkpoint as the report names it: file, size, SHA-256, and the facts of its hipfx metadata (architecture,
/// classes, input size, epoch, metric, versions). Reads only the safetensors header with <see cref="SafetensorsHeader"/>
/// (<c>Weights/CHECKPOINT.md</c>: u64 length, JSON with <c>__metadata__.hipfx</c>), never the tensors: the report needs no TorchSharp.
/// </summary>
public sealed record CheckpointSummary(string Path, long Bytes, string Sha256, IReadOnlyList<KeyValuePair<string, string>> Metadata, string? Problem)
{
    /// <summary>Hashes the file and reads its metadata; a header it cannot read leaves <see cref="Metadata"/> empty and says why in <see cref="Problem"/>.</summary>
    public static CheckpointSummary Read(string path)
    {
        long bytes = new FileInfo(path).Length;
        string sha = FileHash.Sha256(path);
        try
        {
            return new CheckpointSummary(path, bytes, sha, ReadMetadata(path), null);
        }
        catch (HipFxDataException e)
        {
            return new CheckpointSummary(path, bytes, sha, [], $"metadata not readable: {e.Problem}");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return new CheckpointSummary(path, bytes, sha, [], $"metadata not readable: {e.Message}");
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadMetadata(string path)
    {
        var metadata = SafetensorsHeader.Read(path).Metadata;
        var facts = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in metadata)
        {
            if (name != "hipfx")
            {
                facts.Add(new(name, value));
                continue;
            }
            using var hipfx = JsonDocument.Parse(value);
            foreach (var p in hipfx.RootElement.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "config":
                        break; // the run's config.yaml is shown whole
                    case "notes" when p.Value.ValueKind == JsonValueKind.Object:
                        facts.AddRange(p.Value.EnumerateObject().Select(n => new KeyValuePair<string, string>(n.Name, Text(n.Value))));
                        break;
                    default:
                        facts.Add(new(p.Name, Text(p.Value)));
                        break;
                }
            }
        }
        return facts;
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(Text)),
        JsonValueKind.Number => e.GetDouble().ToString("G", CultureInfo.InvariantCulture),
        _ => e.GetRawText(),
    };
}
