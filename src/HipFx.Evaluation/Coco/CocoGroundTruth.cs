using System.Text.Json;
using HipFx.Core;
using HipFx.Data.Files;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Coco;

/// <summary>Ground truth read from a COCO file, with the COCO image id of each image.</summary>
public sealed record CocoGroundTruth(IReadOnlyList<EvalImage> Images, IReadOnlyDictionary<long, string> ImageIds)
{
    /// <summary>
    /// Reads a COCO ground-truth file (as <see cref="CocoFiles.WriteGroundTruth"/> writes it, or any COCO
    /// file whose category names are our canonical names). Our id is "hipfx_id", else "file_name" without
    /// extension; patient "patient_id", else the image id; label "label", else from the boxes. With
    /// <paramref name="split"/>, keeps the images whose "split" equals it (an error when no image has a split).
    /// Images are returned in COCO id order, as pycocotools takes them.
    /// </summary>
    public static CocoGroundTruth Read(string path, string? split = null)
    {
        using var doc = Parse(path);
        var root = doc.RootElement;
        var categories = new Dictionary<long, FractureClass>();
        foreach (var (cat, i) in Array(root, "categories", path).Select((c, i) => (c, i)))
        {
            string loc = $"categories[{i}]";
            NoDuplicateKeys(cat, path, loc);
            string name = Str(cat, "name", path, loc);
            if (!ClassNames.TryParseFracture(name, out var fc))
            {
                throw new HipFxDataException($"unknown category name '{Echo.Text(name)}'; expected one of {string.Join(", ", ClassNames.FractureClasses.Select(c => c.Name()))}", path, loc);
            }
            categories[Long(cat, "id", path, loc)] = fc;
        }
        var boxes = new Dictionary<long, List<GroundTruthBox>>();
        foreach (var (ann, i) in Array(root, "annotations", path).Select((a, i) => (a, i)))
        {
            string loc = $"annotations[{i}]";
            NoDuplicateKeys(ann, path, loc);
            long cid = Long(ann, "category_id", path, loc);
            if (!categories.TryGetValue(cid, out var fc))
            {
                throw new HipFxDataException($"category_id {cid} is not in \"categories\"", path, loc);
            }
            long img = Long(ann, "image_id", path, loc);
            (boxes.TryGetValue(img, out var list) ? list : boxes[img] = []).Add(new GroundTruthBox(fc, ReadBbox(ann, path, loc)));
        }
        var images = new List<(long Id, EvalImage Image, string? Split)>();
        foreach (var (im, i) in Array(root, "images", path).Select((m, i) => (m, i)))
        {
            string loc = $"images[{i}]";
            NoDuplicateKeys(im, path, loc);
            long id = Long(im, "id", path, loc);
            string ourId = OptStr(im, "hipfx_id") ?? Path.GetFileNameWithoutExtension(Str(im, "file_name", path, loc));
            var gts = boxes.TryGetValue(id, out var b) ? b : [];
            var label = EvalImage.LabelFromBoxes(gts);
            if (OptStr(im, "label") is { } ls && !ClassNames.TryParseLabel(ls, out label))
            {
                throw new HipFxDataException($"unknown label '{Echo.Text(ls)}'", path, loc);
            }
            int w = Dimension(im, "width", path, loc);
            int h = Dimension(im, "height", path, loc);
            images.Add((id, new EvalImage(ourId, OptStr(im, "patient_id") ?? ourId, label, gts, w, h), OptStr(im, "split")));
        }
        if (split is not null)
        {
            if (images.Count > 0 && images.All(x => x.Split is null))
            {
                throw new HipFxDataException($"no image has a \"split\" field, so split '{split}' cannot be selected", path);
            }
            images = images.Where(x => x.Split == split).ToList();
            if (images.Count == 0)
            {
                throw new HipFxDataException($"no image is in split '{split}'", path);
            }
        }
        images.Sort((a, b) => a.Id.CompareTo(b.Id));
        var dup = images.GroupBy(x => x.Image.ImageId).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new HipFxDataException($"image '{dup.Key}' appears {dup.Count()} times", path);
        }
        return new CocoGroundTruth(images.Select(x => x.Image).ToList(), images.ToDictionary(x => x.Id, x => x.Image.ImageId));
    }

    internal static JsonDocument Parse(string path)
    {
        // A regular file only, at most 2 GiB. Duplicate keys are checked per object by the readers
        // (NoDuplicateKeys), so the message names the entry.
        var bytes = InputFile.ReadAllBytes(path, int.MaxValue);
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new HipFxDataException($"not valid JSON: {Echo.Text(e.Message, 300)}", path, e.LineNumber is { } l ? $"line {l + 1}" : null, e);
        }
    }

    /// <summary>A key given twice in one object (two "score"s) is an error naming the entry, not silently the last one.</summary>
    internal static void NoDuplicateKeys(JsonElement e, string path, string loc)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new HipFxDataException($"key \"{Echo.Text(property.Name, 40)}\" appears twice", path, loc);
            }
        }
    }

    /// <summary>Largest absolute box coordinate accepted, in pixels (no radiograph is a million pixels wide).</summary>
    public const double MaxCoordinate = 1_000_000;

    internal static Box ReadBbox(JsonElement e, string path, string loc)
    {
        if (!e.TryGetProperty("bbox", out var b) || b.ValueKind != JsonValueKind.Array || b.GetArrayLength() != 4
            || b.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
        {
            throw new HipFxDataException("\"bbox\" must be [x, y, width, height] (4 numbers)", path, loc);
        }
        double x = b[0].GetDouble(), y = b[1].GetDouble(), w = b[2].GetDouble(), h = b[3].GetDouble();
        if (!(double.IsFinite(x) && double.IsFinite(y) && w >= 0 && h >= 0 && double.IsFinite(w) && double.IsFinite(h)))
        {
            throw new HipFxDataException($"bad bbox [{x}, {y}, {w}, {h}]: width and height must be ≥ 0", path, loc);
        }
        if (Math.Abs(x) > MaxCoordinate || Math.Abs(y) > MaxCoordinate || x + w > MaxCoordinate || y + h > MaxCoordinate)
        {
            throw new HipFxDataException(
                $"bad bbox [{x}, {y}, {w}, {h}]: coordinates beyond ±{MaxCoordinate:0} pixels are not a box on a radiograph", path, loc);
        }
        return new Box(x, y, x + w, y + h);
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name, string path) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray()
            : throw new HipFxDataException($"missing array \"{name}\": not a COCO ground-truth file", path);

    /// <summary>An optional image width or height: absent is 0; otherwise a whole number from 0 to 1,000,000.</summary>
    private static int Dimension(JsonElement e, string name, string path, string loc)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number)
        {
            return 0;
        }
        return v.TryGetInt32(out int x) && x is >= 0 and <= (int)MaxCoordinate
            ? x
            : throw new HipFxDataException($"\"{name}\" must be a whole number of pixels from 0 to {MaxCoordinate:0}", path, loc);
    }

    internal static long Long(JsonElement e, string name, string path, string loc) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long x)
            ? x
            : throw new HipFxDataException($"\"{name}\" must be an integer", path, loc);

    private static string Str(JsonElement e, string name, string path, string loc) =>
        OptStr(e, name) ?? throw new HipFxDataException($"\"{name}\" must be a string", path, loc);

    private static string? OptStr(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
