using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Data.Runs;

/// <summary>
/// <c>run.json</c>: what a run records (manifest and its canonical sha256, split sizes, seed, versions, device, command
/// line, start and end). <c>hipfx train</c> builds the object with the <see cref="Keys"/> and saves it with
/// <see cref="Write"/>; <see cref="Read"/> assumes no more of its shape than a JSON object: nested objects are
/// flattened to dotted keys (<c>versions.torchsharp</c>) in file order, so every fact the trainer writes reaches the report.
/// </summary>
public sealed class RunRecord
{
    /// <summary>The top-level keys <c>hipfx train</c> writes.</summary>
    public static class Keys
    {
        public const string Name = "name";
        public const string Started = "started";
        public const string Ended = "ended";
        public const string End = "end";
        public const string CommandLine = "command_line";
        public const string Manifest = "manifest";
        public const string ManifestSha256 = "manifest_sha256";
        public const string Splits = "splits";
        public const string Seed = "seed";
        public const string Device = "device";
        public const string Epochs = "epochs";
        public const string BatchSize = "batch_size";
        public const string BatchesPerEpoch = "batches_per_epoch";
        public const string BaseLr = "base_lr";
        public const string InitWeights = "init_weights";
        public const string Parameters = "parameters";
        public const string Versions = "versions";
        public const string Sessions = "sessions";
        public const string EpochsDone = "epochs_done";
        public const string Iterations = "iterations";
        public const string BestEpoch = "best_epoch";
        public const string BestMetric = "best_metric";
        public const string Tau = "tau";
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private RunRecord(string path, string text, IReadOnlyList<KeyValuePair<string, string>> facts)
    {
        Path = path;
        Text = text;
        Facts = facts;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The file's text, verbatim.</summary>
    public string Text { get; }

    /// <summary>Every scalar in the file, as (dotted key, text) in file order; arrays of scalars joined with ", ".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; }

    /// <summary>The value of the first of <paramref name="keys"/> present (exact dotted key, case-insensitive); null when none is.</summary>
    public string? Find(params string[] keys)
    {
        foreach (string key in keys)
        {
            foreach (var fact in Facts)
            {
                if (string.Equals(fact.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return fact.Value;
                }
            }
        }
        return null;
    }

    /// <summary>The manifest's canonical sha256 as recorded (<c>manifest_sha256</c> or <c>manifest.sha256</c>).</summary>
    public string? ManifestHash => Find(Keys.ManifestSha256, "manifest.sha256", "manifest.canonical_sha256");

    /// <summary>The manifest's path as recorded (<c>manifest</c>, <c>manifest.path</c> or <c>manifest_path</c>).</summary>
    public string? ManifestPath => Find(Keys.Manifest, "manifest.path", "manifest_path");

    /// <summary>Reads <paramref name="path"/>; not a JSON object throws <see cref="HipFxDataException"/> naming the file.</summary>
    public static RunRecord Read(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new HipFxDataException("run.json must hold a JSON object", path);
            }
            var facts = new List<KeyValuePair<string, string>>();
            Flatten(doc.RootElement, "", facts);
            return new RunRecord(path, text, facts);
        }
        catch (JsonException e)
        {
            throw new HipFxDataException($"not valid JSON: {e.Message}", path, e.Path, e);
        }
    }

    /// <summary>Saves <paramref name="record"/> to <paramref name="path"/> (indented UTF-8, final newline), atomically.</summary>
    public static void Write(string path, JsonObject record) =>
        AtomicFile.WriteAllText(path, record.ToJsonString(Indented) + "\n");

    /// <summary>The object in <paramref name="path"/> to extend (a resumed run); null when there is no file or it holds no JSON object.</summary>
    public static JsonObject? ReadObject(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> facts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    Flatten(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, facts);
                }
                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                facts.Add(new(prefix, string.Join(", ", element.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var e in element.EnumerateArray())
                {
                    Flatten(e, string.Create(CultureInfo.InvariantCulture, $"{prefix}[{i++}]"), facts);
                }
                break;
            default:
                facts.Add(new(prefix, Scalar(element)));
                break;
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };
}
