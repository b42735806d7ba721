using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Coco;

/// <summary>
/// COCO-format files, so any COCO tool (pycocotools) can check our numbers:
/// <c>ground_truth.json</c> (images, annotations, categories) and <c>detections.json</c> (the results
/// format: a list of {image_id, category_id, bbox, score}). Conventions: bbox = [x, y, w, h] in our
/// 0-based continuous pixel-edge coordinates (COCO's own); category_id = class id + 1 (1..4, COCO
/// style), with the canonical names in "categories"; image ids 1..N in the order given, each image
/// carrying our id in "file_name" and "hipfx_id", plus "patient_id", "label" and (when known) "split"
/// as extra fields that COCO tools ignore. Areas are w·h; iscrowd is 0.
/// </summary>
public static class CocoFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int CategoryId(FractureClass c) => (int)c + 1;

    public static void WriteGroundTruth(string path, IReadOnlyList<EvalImage> images, string? split = null)
    {
        var imgs = new JsonArray();
        var anns = new JsonArray();
        int annId = 1;
        for (int i = 0; i < images.Count; i++)
        {
            var im = images[i];
            var node = new JsonObject
            {
                ["id"] = i + 1,
                ["file_name"] = im.ImageId,
                ["width"] = im.Width,
                ["height"] = im.Height,
                ["hipfx_id"] = im.ImageId,
                ["patient_id"] = im.PatientId,
                ["label"] = im.Truth.Name(),
            };
            if (split is not null)
            {
                node["split"] = split;
            }
            imgs.Add(node);
            foreach (var b in im.Boxes)
            {
                anns.Add(new JsonObject
                {
                    ["id"] = annId++,
                    ["image_id"] = i + 1,
                    ["category_id"] = CategoryId(b.Class),
                    ["bbox"] = Bbox(b.Box),
                    ["area"] = b.Box.Area,
                    ["iscrowd"] = 0,
                });
            }
        }
        var root = new JsonObject
        {
            ["info"] = new JsonObject { ["description"] = "hipfx ground truth", ["coordinates"] = "0-based continuous pixel edges, bbox [x, y, w, h]" },
            ["images"] = imgs,
            ["annotations"] = anns,
            ["categories"] = new JsonArray(ClassNames.FractureClasses
                .Select(c => (JsonNode)new JsonObject { ["id"] = CategoryId(c), ["name"] = c.Name(), ["supercategory"] = "fracture" }).ToArray()),
        };
        AtomicFile.WriteAllText(path, root.ToJsonString(Indented));
    }

    /// <summary>Writes detections in the COCO results format; image ids follow <paramref name="images"/>' order (1..N).</summary>
    public static void WriteDetections(string path, IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections)
    {
        var list = new JsonArray();
        for (int i = 0; i < images.Count; i++)
        {
            if (!detections.TryGetValue(images[i].ImageId, out var dets))
            {
                continue;
            }
            foreach (var d in dets)
            {
                list.Add(new JsonObject
                {
                    ["image_id"] = i + 1,
                    ["category_id"] = CategoryId(d.Class),
                    ["bbox"] = Bbox(d.Box),
                    ["score"] = d.Score,
                });
            }
        }
        AtomicFile.WriteAllText(path, list.ToJsonString(Indented));
    }

    private static JsonArray Bbox(Box b) => new(b.X1, b.Y1, b.Width, b.Height);
}
