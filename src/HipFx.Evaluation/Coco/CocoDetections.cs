using System.Text.Json;
using HipFx.Core;

namespace HipFx.Evaluation.Coco;

/// <summary>A detections file as read: per image id, and what was left out for naming images outside the ground truth.</summary>
public sealed record DetectionsFile(Dictionary<string, IReadOnlyList<Detection>> ByImage, int IgnoredDetections, IReadOnlyList<string> IgnoredImageIds);

/// <summary>Reads detections in the COCO results format.</summary>
public static class CocoDetections
{
    /// <summary>How many unknown image ids an error message lists.</summary>
    private const int ListedIds = 10;

    /// <summary><see cref="ReadFile"/>'s detections per image id.</summary>
    public static Dictionary<string, IReadOnlyList<Detection>> Read(string path, CocoGroundTruth groundTruth, bool allowExtraIds = false) =>
        ReadFile(path, groundTruth, allowExtraIds).ByImage;

    /// <summary>
    /// Reads a COCO results file: a list of {image_id, category_id, bbox [x, y, w, h], score}.
    /// image_id is a COCO image id of <paramref name="groundTruth"/> or, for hand-made files, our image id
    /// as a string; category_id is class id + 1. A detection naming an image that is not in the ground truth is an
    /// error naming the ids (a shifted or 0-based id would otherwise move detections onto the wrong images); with
    /// <paramref name="allowExtraIds"/> (a file covering several splits) such detections are skipped and counted.
    /// Scores must lie in [0, 1]. The order of the file does not matter.
    /// </summary>
    public static DetectionsFile ReadFile(string path, CocoGroundTruth groundTruth, bool allowExtraIds)
    {
        using var doc = CocoGroundTruth.Parse(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new HipFxDataException("expected a JSON list of detections (COCO results format)", path);
        }
        var known = groundTruth.Images.Select(i => i.ImageId).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<Detection>>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        int ignored = 0;
        int i = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            string loc = $"[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new HipFxDataException("expected an object", path, loc);
            }
            CocoGroundTruth.NoDuplicateKeys(e, path, loc);
            string rawId = e.TryGetProperty("image_id", out var iv) ? iv.ValueKind switch
            {
                JsonValueKind.String => iv.GetString() ?? "",
                JsonValueKind.Number when iv.TryGetInt64(out long n) => groundTruth.ImageIds.TryGetValue(n, out var s) ? s : $"#{n}",
                _ => throw new HipFxDataException("\"image_id\" must be an integer or a string", path, loc),
            } : throw new HipFxDataException("missing \"image_id\"", path, loc);
            long cid = CocoGroundTruth.Long(e, "category_id", path, loc);
            if (cid is < 1 or > ClassNames.FractureCount)
            {
                throw new HipFxDataException($"category_id {cid} is not a fracture class (1..{ClassNames.FractureCount})", path, loc);
            }
            var box = CocoGroundTruth.ReadBbox(e, path, loc);
            double score = e.TryGetProperty("score", out var sv) && sv.ValueKind == JsonValueKind.Number
                ? sv.GetDouble()
                : throw new HipFxDataException("\"score\" must be a number", path, loc);
            if (score is < 0 or > 1 || double.IsNaN(score))
            {
                throw new HipFxDataException($"score {score} is outside [0, 1]", path, loc);
            }
            if (!known.Contains(rawId))
            {
                unknown.Add(rawId);
                ignored++;
                continue;
            }
            string imageId = rawId;
            (result.TryGetValue(imageId, out var list) ? list : result[imageId] = []).Add(new Detection((FractureClass)(cid - 1), score, box));
        }
        if (unknown.Count > 0 && !allowExtraIds)
        {
            string listed = string.Join(", ", unknown.Take(ListedIds).Select(id => Echo.Text(id, 80))) + (unknown.Count > ListedIds ? $" and {unknown.Count - ListedIds} more" : "");
            throw new HipFxDataException(
                $"{ignored} detections name {unknown.Count} image ids that are not in this ground truth ({groundTruth.Images.Count} images): {listed}. " +
                "Integer ids (#n) are 1..N in the order of the split's ground_truth.json; string ids are image ids. " +
                "If the file covers several splits, pass --allow-extra-ids", path);
        }
        return new DetectionsFile(result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Detection>)kv.Value, StringComparer.Ordinal),
            ignored, [.. unknown]);
    }
}
