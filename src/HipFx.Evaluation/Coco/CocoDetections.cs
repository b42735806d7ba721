using System.Text.Json;
using HipFx.Core;

namespace HipFx.Evaluation.Coco;

/// <summary>Reads detections in the COCO results format.</summary>
public static class CocoDetections
{
    /// <summary>
    /// Reads a COCO results file: a list of {image_id, category_id, bbox [x, y, w, h], score}.
    /// image_id is a COCO image id of <paramref name="groundTruth"/> or, for hand-made files, our image id
    /// as a string; category_id is class id + 1. Detections of images not in the ground truth are skipped
    /// (the file may cover several splits). Scores must lie in [0, 1].
    /// </summary>
    public static Dictionary<string, IReadOnlyList<Detection>> Read(string path, CocoGroundTruth groundTruth)
    {
        using var doc = CocoGroundTruth.Parse(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new HipFxDataException("expected a JSON list of detections (COCO results format)", path);
        }
        var known = groundTruth.Images.Select(i => i.ImageId).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<Detection>>(StringComparer.Ordinal);
        int i = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            string loc = $"[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new HipFxDataException("expected an object", path, loc);
            }
            CocoGroundTruth.NoDuplicateKeys(e, path, loc);
            string? imageId = e.TryGetProperty("image_id", out var iv) ? iv.ValueKind switch
            {
                JsonValueKind.String => iv.GetString(),
                JsonValueKind.Number when iv.TryGetInt64(out long n) => groundTruth.ImageIds.TryGetValue(n, out var s) ? s : null,
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
            if (imageId is null || !known.Contains(imageId))
            {
                continue;
            }
            (result.TryGetValue(imageId, out var list) ? list : result[imageId] = []).Add(new Detection((FractureClass)(cid - 1), score, box));
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Detection>)kv.Value, StringComparer.Ordinal);
    }
}
