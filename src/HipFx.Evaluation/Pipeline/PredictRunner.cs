using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Plots;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Pipeline;

/// <summary>One <c>hipfx predict</c> run.</summary>
public sealed record PredictOptions
{
    /// <summary>Image files and folders (folders are searched recursively for PNG, JPEG and DICOM files).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>τ and the valgus-priority rule for the image-level decision.</summary>
    public DecisionOptions Decision { get; init; } = new();

    /// <summary>Where τ came from, written into each JSON.</summary>
    public string TauSource { get; init; } = "default";

    /// <summary>How images are mapped to display gray for the overlay (the model's own mapping).</summary>
    public IntensityMapping Mapping { get; init; } = IntensityMapping.Default;

    /// <summary>Write the overlay PNGs (default true).</summary>
    public bool Overlays { get; init; } = true;
}

/// <summary>What predict wrote for one image.</summary>
public sealed record PredictedImage(string ImageFile, string ImageId, ImageDecision Decision, IReadOnlyList<Detection> Detections,
    string JsonFile, string? OverlayFile);

/// <summary>
/// <c>hipfx predict</c> as a layer call: runs a detector over image files, decides each image's label
/// (τ, optional valgus rule), and writes per image <c>&lt;id&gt;.json</c> (boxes, class, score, decision and
/// rule) and <c>&lt;id&gt;.overlay.png</c> (boxes, class names and scores drawn on the radiograph), plus
/// <c>predictions.csv</c> with one line per image.
/// </summary>
public sealed class PredictRunner(PredictOptions options, IDetector detector, Action<int, int>? progress = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Runs the detector chunk by chunk (<see cref="IDetector.BatchSize"/> images each). Each image is decoded once:
    /// the same pixels feed the detector, give the width for the decision and the overlay's background. With no
    /// overlay and a detector that reads no pixels (detections from a file), only the headers are read.
    /// </summary>
    public IReadOnlyList<PredictedImage> Run()
    {
        options.Decision.Validated();
        var files = CollectImages(options.Inputs);
        Directory.CreateDirectory(options.OutputFolder);
        var ids = UniqueIds(files);
        var results = new List<PredictedImage>(files.Count);
        bool decode = options.Overlays || detector.ReadsPixels;
        int batch = Math.Max(1, detector.BatchSize);
        for (int start = 0; start < files.Count; start += batch)
        {
            var chunk = files.Skip(start).Take(batch).ToList();
            var images = decode ? chunk.Select(f => RadiographLoader.Load(f)).ToList() : null;
            var dets = DetectorRuns.Checked(images is not null ? detector.Detect(images) : detector.Detect(chunk), chunk.Count);
            for (int i = 0; i < chunk.Count; i++)
            {
                results.Add(WriteOne(chunk[i], ids[chunk[i]], dets[i], images?[i]));
            }
            progress?.Invoke(start + chunk.Count, files.Count);
        }
        WriteSummary(results);
        return results;
    }

    /// <summary>Image files named by <paramref name="inputs"/>, in a stable order; an input that is neither is an error.</summary>
    public static IReadOnlyList<string> CollectImages(IReadOnlyList<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(RadiographLoader.IsImageFile)
                    .Where(f => !f.EndsWith(".overlay.png", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                files.Add(input);
            }
            else
            {
                throw new HipFxDataException("no such image file or folder", input);
            }
        }
        if (files.Count == 0)
        {
            throw new HipFxDataException($"no PNG, JPEG or DICOM image found in {string.Join(", ", inputs)}");
        }
        return files.Select(Path.GetFullPath).Distinct().ToList();
    }

    /// <summary>Writes one image's JSON and overlay; <paramref name="image"/> is its decoded pixels (null: read the size from the header).</summary>
    private PredictedImage WriteOne(string file, string id, IReadOnlyList<Detection> detections, RadiographImage? image)
    {
        var (width, height) = image is not null ? (image.Width, image.Height) : HeaderSize(file);
        var decision = ImageDecider.Decide(detections, options.Decision, width);
        string json = Path.Combine(options.OutputFolder, id + ".json");
        var node = new JsonObject
        {
            ["image"] = file,
            ["image_id"] = id,
            ["width"] = width,
            ["height"] = height,
            ["tau"] = options.Decision.Tau,
            ["tau_source"] = options.TauSource,
            ["valgus_priority"] = options.Decision.ValgusPriority,
            ["coordinates"] = Tables.RunStamp.HipFxConvention,
            ["decision"] = new JsonObject
            {
                ["label"] = decision.Label.Name(),
                ["rule"] = decision.RuleName,
                ["score"] = decision.Box?.Score,
                ["box"] = decision.Box is { } b ? BoxArray(b.Box) : null,
            },
            ["detections"] = new JsonArray(detections.OrderByDescending(d => d.Score).Select(d => (JsonNode)new JsonObject
            {
                ["class"] = d.Class.Name(),
                ["score"] = d.Score,
                ["box"] = BoxArray(d.Box),
                ["above_tau"] = d.Score >= options.Decision.Tau,
            }).ToArray()),
        };
        AtomicFile.WriteAllText(json, node.ToJsonString(Indented));
        string? overlay = null;
        if (options.Overlays)
        {
            overlay = Path.Combine(options.OutputFolder, id + ".overlay.png");
            var gray = RadiographImageSource.ToGray(image ?? throw new InvalidOperationException("an overlay needs the decoded image"), options.Mapping);
            PredictionOverlay.Save(overlay, gray, detections, decision, options.Decision.Tau);
        }
        return new PredictedImage(file, id, decision, detections, json, overlay);
    }

    private static (int Width, int Height) HeaderSize(string file)
    {
        var header = RadiographLoader.ReadHeader(file);
        return (header.Width, header.Height);
    }

    private void WriteSummary(IReadOnlyList<PredictedImage> results)
    {
        AtomicFile.WriteText(Path.Combine(options.OutputFolder, "predictions.csv"), w => WriteSummary(w, results));
    }

    private void WriteSummary(TextWriter w, IReadOnlyList<PredictedImage> results)
    {
        using var csv = new CsvWriter(w, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "image_id", "image", "decision", "rule", "score", "detections", "detections_above_tau" })
        {
            csv.WriteField(h);
        }
        csv.NextRecord();
        foreach (var r in results)
        {
            csv.WriteField(r.ImageId);
            csv.WriteField(r.ImageFile);
            csv.WriteField(r.Decision.Label.Name());
            csv.WriteField(r.Decision.RuleName);
            csv.WriteField(r.Decision.Box?.Score.ToString("R", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Detections.Count);
            csv.WriteField(r.Detections.Count(d => d.Score >= options.Decision.Tau));
            csv.NextRecord();
        }
    }

    /// <summary>Output names: the file stem, made unique with a counter when two inputs share one.</summary>
    private static Dictionary<string, string> UniqueIds(IReadOnlyList<string> files)
    {
        var ids = new Dictionary<string, string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in files)
        {
            string stem = Path.GetFileNameWithoutExtension(f), id = stem;
            for (int k = 2; !used.Add(id); k++)
            {
                id = $"{stem}_{k}";
            }
            ids[f] = id;
        }
        return ids;
    }

    private static JsonArray BoxArray(Box b) => new(Math.Round(b.X1, 2), Math.Round(b.Y1, 2), Math.Round(b.X2, 2), Math.Round(b.Y2, 2));
}
