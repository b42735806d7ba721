using System.Globalization;
using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Plots;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Pipeline;

/// <summary>What one <c>hipfx eval</c> run produced.</summary>
public sealed record EvalRunResult(EvalResult Result, RunStamp Stamp, EvalReportFiles Files, string TauFile,
    TauSelection? ChosenNow, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>hipfx eval</c> as a layer call: reads the ground truth of a split, gets detections (a detector or a
/// COCO results file), resolves τ (explicit, locked tau.json, or chosen on val and locked), evaluates and
/// writes the report. <paramref name="detectorFactory"/> is only called when detections must be computed.
/// </summary>
public sealed class EvalRunner(EvalRunOptions options, Func<IDetector>? detectorFactory = null, Action<string, int, int>? progress = null)
{
    private readonly EvalRunOptions options = options.Validated();
    private IDetector? detector;
    private readonly List<string> warnings = [];

    public EvalRunResult Run()
    {
        try
        {
            var truth = LoadTruth(options.Split);
            var (tau, source, chosen) = ResolveTau();
            var detections = Detections(truth);
            var evalOptions = options.Evaluation with { Decision = options.Evaluation.Decision with { Tau = tau } };
            var result = DetectionEvaluation.Evaluate(truth.Images, detections, evalOptions);
            var stamp = Stamp(truth, tau, source);
            // The galleries read the very files detection reads, decoded and mapped as the model saw them.
            IImageSource images = truth.Files is { } f ? new RadiographImageSource(f, detector?.Mapping) : new NoImages();
            var files = EvalReport.Write(options.OutputFolder, result, stamp, images);
            return new EvalRunResult(result, stamp, files, options.ResolvedTauFile(), chosen, warnings);
        }
        finally
        {
            detector?.Dispose();
        }
    }

    /// <summary>A split's ground truth; <paramref name="Files"/> maps image id → image file (the manifest's, or those found in --images; null: neither).</summary>
    private sealed record Truth(IReadOnlyList<EvalImage> Images, IReadOnlyDictionary<string, string>? Files,
        CocoGroundTruth Coco, string Hash, string Convention);

    private Truth LoadTruth(string split)
    {
        if (options.ManifestPath is { } manifest)
        {
            var m = ManifestGroundTruth.Load(manifest, DatasetSplits.Parse(split), options.GroundTruth);
            // Integer ids in a detections file refer to this split's ground_truth.json: 1..N in image-id order.
            var coco = new CocoGroundTruth(m.Images, m.Images.Select((im, i) => (Id: i + 1L, im.ImageId)).ToDictionary(x => x.Id, x => x.ImageId));
            return new Truth(m.Images, m.ImageFiles, coco, m.ManifestHash, m.CoordinateConvention);
        }
        string path = options.GroundTruthPath!;
        var gt = CocoGroundTruth.Read(path, split);
        string hash = FileHash.Sha256(path);
        return new Truth(gt.Images, options.ImagesFolder is { } folder ? FilesInFolder(folder, gt.Images) : null, gt, hash, RunStamp.HipFxConvention);
    }

    private Dictionary<string, IReadOnlyList<Detection>> Detections(Truth truth)
    {
        if (options.DetectionsPath is { } path)
        {
            var file = CocoDetections.ReadFile(path, truth.Coco, options.AllowExtraIds);
            var dets = file.ByImage;
            if (file.IgnoredDetections > 0)
            {
                warnings.Add($"{file.IgnoredDetections} detections of {file.IgnoredImageIds.Count} images not in this split's ground truth were ignored (--allow-extra-ids)");
            }
            int missing = truth.Images.Count(i => !dets.ContainsKey(i.ImageId));
            if (missing == truth.Images.Count && truth.Images.Count > 0)
            {
                warnings.Add($"{path} has no detection for any of the {missing} images of this split: check its image ids");
            }
            return dets;
        }
        if (detectorFactory is null)
        {
            throw new HipFxConfigException("give --model or --detections: there is nothing to evaluate");
        }
        detector ??= detectorFactory();
        var f = truth.Files ?? throw new HipFxConfigException("with --ground-truth and --model, give --images (the folder of the images)");
        var files = truth.Images.Select(i => new KeyValuePair<string, string>(i.ImageId, f.TryGetValue(i.ImageId, out var file) ? file
            : throw new HipFxDataException($"no image file for '{i.ImageId}'", options.ImagesFolder ?? options.ManifestPath))).ToList();
        return DetectorRuns.Run(detector, files, done => progress?.Invoke($"detect {truth.Images.Count} images", done, truth.Images.Count));
    }

    /// <summary>The image file of each image found in <paramref name="folder"/> (<see cref="ImageFileInFolder"/>); absent ones are left out.</summary>
    private static Dictionary<string, string> FilesInFolder(string folder, IReadOnlyList<EvalImage> images)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (ImageFileInFolder(folder, image.ImageId) is { } file)
            {
                files[image.ImageId] = file;
            }
        }
        return files;
    }

    /// <summary>
    /// The file of <paramref name="imageId"/> in an <c>--images</c> folder: <c>{id}.png</c>, <c>{id}.jpg</c>,
    /// <c>{id}.jpeg</c>, then <c>{id}</c> itself, first found; null when none exists. Detection and galleries both use it.
    /// </summary>
    public static string? ImageFileInFolder(string folder, string imageId)
    {
        foreach (string ext in new[] { ".png", ".jpg", ".jpeg", "" })
        {
            string p = Path.Combine(folder, imageId + ext);
            if (File.Exists(p))
            {
                return p;
            }
        }
        return null;
    }

    private (double Tau, string Source, TauSelection? Chosen) ResolveTau()
    {
        string file = options.ResolvedTauFile();
        if (TauResolver.ExplicitOrLocked(options.Tau, file, options.Evaluation.Decision) is { } given)
        {
            warnings.AddRange(given.Warnings);
            return (given.Tau, given.Source, null);
        }
        if (!options.TauFromVal)
        {
            double d = options.Evaluation.Decision.Tau;
            warnings.Add($"no --tau, no --tau-from-val and no {file}: using the default τ = {d.ToString(CultureInfo.InvariantCulture)}");
            return (d, "default", null);
        }
        var val = LoadTruth(DatasetSplit.Val.Name());
        var selection = TauSelector.Select(val.Images, Detections(val), options.Evaluation.Decision, DatasetSplit.Val.Name()) with
        {
            ManifestHash = val.Hash,
            Model = options.ModelPath ?? options.DetectionsPath,
            SelectedUtc = DateTimeOffset.UtcNow,
        };
        selection.Write(file);
        if (options.Split == DatasetSplit.Val.Name())
        {
            warnings.Add("τ was chosen on the split being evaluated (val): these numbers are optimistic");
        }
        return (selection.Tau, $"chosen on val now ({selection.Criterion}) and locked in {file}", selection);
    }

    private RunStamp Stamp(Truth truth, double tau, string source)
    {
        var e = options.Evaluation;
        var extra = new List<KeyValuePair<string, string>>
        {
            new("ground_truth", options.ManifestPath ?? options.GroundTruthPath!),
            new("valgus_priority", e.Decision.ValgusPriority
                ? string.Create(CultureInfo.InvariantCulture, $"on, tau_v={e.Decision.ValgusTau}") : "off"),
            new("overlap_min_iou", e.OverlapMinIoU.ToString(CultureInfo.InvariantCulture)),
        };
        if (e.Bootstrap.Resamples > 0)
        {
            extra.Add(new("bootstrap", string.Create(CultureInfo.InvariantCulture, $"{e.Bootstrap.Resamples} patient resamples, seed {e.Bootstrap.Seed}")));
        }
        return new RunStamp
        {
            Model = options.ModelPath ?? options.DetectionsPath,
            ManifestHash = truth.Hash,
            Split = options.Split,
            Tau = tau,
            TauSource = source,
            CoordinateConvention = truth.Convention,
            CreatedUtc = DateTimeOffset.UtcNow,
            Extra = extra,
        };
    }
}
