using HipFx.Core;
using HipFx.Data.Labels;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Pipeline;

/// <summary>One split of a manifest as evaluation ground truth, with where the images are.</summary>
public sealed record ManifestGroundTruth(IReadOnlyList<EvalImage> Images, IReadOnlyDictionary<string, string> ImageFiles,
    string ManifestHash, string Split, string CoordinateConvention)
{
    /// <summary>
    /// The rows of <paramref name="split"/> as <see cref="LabelledDataset"/> reads them (sorted by image id, the order
    /// of ground_truth.json): the truth by <see cref="ImageTruth"/>, boxes through <paramref name="options"/>, the
    /// real image size. An image whose truth is unknown (no label, no boxes, no verified annotation) is an error
    /// naming it: evaluation never guesses no_fracture.
    /// </summary>
    public static ManifestGroundTruth Load(string manifestPath, DatasetSplit split, AnnotationOptions? options = null)
    {
        options ??= AnnotationOptions.Default;
        var dataset = LabelledDataset.Load(manifestPath, split, options);
        if (dataset.Unreviewed.Count > 0)
        {
            throw new HipFxDataException(
                $"{dataset.Unreviewed.Count} image(s) of split '{split.Name()}' have no label, no boxes and no verified annotation, so their truth is unknown: "
                + $"{string.Join(", ", dataset.Unreviewed.Take(5))}{(dataset.Unreviewed.Count > 5 ? ", ..." : "")} (give a manifest label or verify the annotation)",
                manifestPath);
        }
        if (dataset.Images.Count == 0)
        {
            throw new HipFxDataException($"no image is in split '{split.Name()}' (run 'hipfx split' first?)", manifestPath);
        }
        var images = dataset.Images.Select(i => new EvalImage(i.ImageId, i.PatientId, i.Label, i.Boxes, i.Width, i.Height)).ToList();
        var files = dataset.Images.ToDictionary(i => i.ImageId, i => i.ImageFile, StringComparer.Ordinal);
        return new ManifestGroundTruth(images, files, dataset.Manifest.Sha256(), split.Name(),
            Tables.RunStamp.WithVoc(options.Convention.ConfigName()));
    }
}
