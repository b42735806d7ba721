using System.Text.Json.Serialization;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// Where a table's numbers come from, printed under its title and written into every file (SPEC.md
/// "Metrics": every table carries what a reader needs to recompute it). Unknown parts stay null and
/// are left out.
/// </summary>
public sealed record RunStamp
{
    /// <summary>The default text for <see cref="CoordinateConvention"/> (hipfx's <c>Box</c>).</summary>
    public const string HipFxConvention = "boxes: 0-based continuous pixel edges (x1, y1, x2, y2)";

    /// <summary>The convention text when ground truth came from VOC files read with <paramref name="vocConvention"/> (e.g. labelimg_edge).</summary>
    public static string WithVoc(string vocConvention) => $"{HipFxConvention}; VOC read as {vocConvention}";

    /// <summary>The model: a run folder, a checkpoint file, or a detections file.</summary>
    public string? Model { get; init; }

    /// <summary>SHA-256 (hex) of the manifest or ground-truth file the truth came from.</summary>
    public string? ManifestHash { get; init; }

    /// <summary>The split evaluated: test, val, external, or any name the manifest uses.</summary>
    public string? Split { get; init; }

    /// <summary>The decision threshold τ, when one applies.</summary>
    public double? Tau { get; init; }

    /// <summary>Where τ came from, e.g. "--tau", "tau.json (val, max macro Youden J)".</summary>
    public string? TauSource { get; init; }

    /// <summary>How boxes are written; see <see cref="HipFxConvention"/>.</summary>
    public string? CoordinateConvention { get; init; } = HipFxConvention;

    /// <summary>The hipfx version that wrote the table.</summary>
    public string? HipFxVersion { get; init; } = DefaultVersion;

    /// <summary>When the table was made; null keeps the files byte-for-byte reproducible.</summary>
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>Anything else worth stamping (reader-study file hash, bootstrap seed...), in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extra { get; init; } = [];

    /// <summary>The stamp as ordered (name, value) pairs, nulls left out: the one list every writer uses.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string>> Entries
    {
        get
        {
            var list = new List<KeyValuePair<string, string>>();
            void Add(string key, string? value)
            {
                if (value is not null)
                {
                    list.Add(new(key, value));
                }
            }
            Add("model", Model);
            Add("manifest_sha256", ManifestHash);
            Add("split", Split);
            Add("tau", Tau?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            Add("tau_source", TauSource);
            Add("coordinates", CoordinateConvention);
            Add("hipfx_version", HipFxVersion);
            Add("created_utc", CreatedUtc?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            list.AddRange(Extra);
            return list;
        }
    }

    private static string DefaultVersion =>
        typeof(RunStamp).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
