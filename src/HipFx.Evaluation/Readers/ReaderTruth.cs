using HipFx.Core;
using HipFx.Data.Labels;
using HipFx.Data.Manifests;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// The true image labels of a reader study, read from a hipfx dataset manifest (through
/// <see cref="ManifestReader"/>, with all its checks; rows without a label are left out) or from a simple truth
/// CSV with columns <c>image_id,label</c> (and <c>split</c> when filtering). In a simple CSV identical repeated
/// rows are allowed; conflicting labels are not.
/// </summary>
public sealed class ReaderTruth
{
    /// <summary>Only labels are used and no image or annotation of a labelled row is opened, so the path rule has nothing to guard.</summary>
    private static readonly AnnotationOptions LabelsOnly = AnnotationOptions.Default with { Manifest = new ManifestReadOptions { AllowOutsidePaths = true } };

    private readonly Dictionary<string, ImageLabel> labels;

    public ReaderTruth(IReadOnlyDictionary<string, ImageLabel> labels, string? path = null)
    {
        this.labels = new Dictionary<string, ImageLabel>(labels, StringComparer.Ordinal);
        Path = path;
    }

    /// <summary>The file the truth came from, when there is one.</summary>
    public string? Path { get; }

    public int Count => labels.Count;

    public IEnumerable<string> ImageIds => labels.Keys;

    public bool TryGet(string imageId, out ImageLabel label) => labels.TryGetValue(imageId, out label);

    public ImageLabel this[string imageId] => labels[imageId];

    /// <summary>
    /// Loads <paramref name="path"/>; with <paramref name="split"/>, keeps only rows whose <c>split</c> column
    /// equals it (case-insensitive). All bad rows are reported in one <see cref="HipFxDataException"/>.
    /// </summary>
    public static ReaderTruth Load(string path, string? split = null)
    {
        return IsManifest(path) ? FromManifest(path, split) : FromTruthCsv(path, split);
    }

    /// <summary>A file whose header has every required manifest column is read as a manifest.</summary>
    /// <summary>True when <paramref name="path"/> has the manifest header (read through the manifest reader).</summary>
    public static bool IsManifest(string path)
    {
        if (!File.Exists(path))
        {
            return false; // the truth CSV reader reports the missing file
        }
        using var reader = new StreamReader(path);
        string? line;
        while ((line = reader.ReadLine()) is not null && (line.StartsWith('#') || line.Trim().Length == 0))
        {
        }
        if (line is null)
        {
            return false;
        }
        var header = line.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToHashSet();
        return ManifestColumns.Required.All(header.Contains);
    }

    private static ReaderTruth FromManifest(string path, string? split)
    {
        DatasetSplit? wanted = null;
        if (split is not null)
        {
            if (!DatasetSplits.TryParse(split, out var parsed))
            {
                throw new HipFxConfigException(
                    $"unknown split '{split}'{NameSuggestion.Hint(split, DatasetSplits.All.Select(s => s.Name()))}");
            }
            wanted = parsed;
        }
        // The one truth rule (ImageTruth): a manifest label, else the boxes, else a verified empty annotation; images
        // whose truth is unknown are left out, as unlabelled rows always were.
        var dataset = LabelledDataset.Load(path, wanted, LabelsOnly, labelsOnly: true);
        if (dataset.Images.Count == 0)
        {
            throw new HipFxDataException(
                $"manifest has no labelled rows{(wanted is { } w ? $" in split '{w.Name()}'" : "")}", path);
        }
        return new ReaderTruth(dataset.Images.ToDictionary(i => i.ImageId, i => i.Label, StringComparer.Ordinal), path);
    }

    private static ReaderTruth FromTruthCsv(string path, string? split)
    {
        var required = split is null ? new[] { "image_id", "label" } : ["image_id", "label", "split"];
        using var csv = CsvColumns.Open(path, "truth CSV", required);
        var problems = new ProblemList();
        var labels = new Dictionary<string, ImageLabel>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var splitsSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (csv.Next())
        {
            if (split is not null)
            {
                string rowSplit = csv.Get("split") ?? "";
                splitsSeen.Add(rowSplit);
                if (!string.Equals(rowSplit, split, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }
            string? id = csv.Get("image_id");
            string? text = csv.Get("label");
            if (id is null)
            {
                problems.Add(null, csv.Line, "empty image_id");
                continue;
            }
            if (!LabelNames.TryParse(text, out var label))
            {
                problems.Add(null, csv.Line, $"image '{id}': {LabelNames.Unknown(text)}");
                continue;
            }
            if (labels.TryGetValue(id, out var earlier))
            {
                if (earlier != label)
                {
                    problems.Add(null, csv.Line,
                        $"image '{id}' labelled '{label.Name()}' here but '{earlier.Name()}' at line {firstLine[id]}");
                }
                continue;
            }
            labels[id] = label;
            firstLine[id] = csv.Line;
        }
        problems.ThrowIfAny("truth CSV " + path);
        if (labels.Count == 0)
        {
            string detail = split is null
                ? "no rows"
                : $"no rows with split '{split}'{NameSuggestion.Hint(split, splitsSeen.Where(s => s.Length > 0))}";
            throw new HipFxDataException($"truth CSV has {detail}", path);
        }
        return new ReaderTruth(labels, path);
    }
}
