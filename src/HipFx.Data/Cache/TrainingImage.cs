using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;

namespace HipFx.Data.Cache;

/// <summary>One image of the training split: its file and its boxes in the image's own pixels (0-based edges).</summary>
public sealed record TrainingImage(string ImageId, string FilePath, ImageLabel Label, IReadOnlyList<GroundTruthBox> Boxes);

/// <summary>How the annotations of a manifest are read for training (class map, VOC convention, difficult boxes).</summary>
public sealed record TrainingAnnotationOptions
{
    public static TrainingAnnotationOptions Default { get; } = new();

    public ClassMap ClassMap { get; init; } = ClassMap.Default;

    public VocReadOptions Voc { get; init; } = VocReadOptions.Default;

    public DifficultPolicy Difficult { get; init; } = DifficultPolicy.Keep;
}

/// <summary>
/// The images of one split of a manifest that training uses. The image truth: the manifest label, else
/// <c>no_fracture</c> for a verified annotation without boxes, else the boxes' lowest class; an image with boxes takes
/// part; one without boxes takes part only as a reviewed <c>no_fracture</c> image and only when
/// <see cref="TrainingDataOptions.IncludeNoFracture"/> is on (an unreviewed image, or a fracture label without a box,
/// teaches nothing right and is left out).
/// </summary>
public static class TrainingImages
{
    /// <summary>The training images of <paramref name="split"/> in manifest order.</summary>
    public static IReadOnlyList<TrainingImage> FromManifest(Manifest manifest, DatasetSplit split,
        TrainingAnnotationOptions? annotations = null, TrainingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        annotations ??= TrainingAnnotationOptions.Default;
        options = (options ?? TrainingDataOptions.Default).Validate();
        var images = new List<TrainingImage>();
        foreach (var row in manifest.InSplit(split))
        {
            string? annotationFile = manifest.AnnotationFile(row);
            var annotation = annotationFile is null
                ? LabeledAnnotation.None
                : LabeledAnnotation.Load(annotationFile, annotations.ClassMap, annotations.Voc, annotations.Difficult);
            var label = row.Label
                ?? (annotation.Boxes.Count > 0 ? (ImageLabel)annotation.Boxes.Min(b => (int)b.Class)
                : annotation.Verified ? ImageLabel.NoFracture : (ImageLabel?)null);
            bool takesPart = annotation.Boxes.Count > 0 || (label == ImageLabel.NoFracture && options.IncludeNoFracture);
            if (label is { } known && takesPart)
            {
                images.Add(new TrainingImage(row.ImageId, manifest.ImageFile(row), known, annotation.Boxes));
            }
        }
        return images;
    }
}
