using HipFx.Core;
using HipFx.Data.Labels;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;

namespace HipFx.Data.Cache;

/// <summary>One image of the training split: its file and its boxes in the image's own pixels (0-based edges).</summary>
public sealed record TrainingImage(string ImageId, string FilePath, ImageLabel Label, IReadOnlyList<GroundTruthBox> Boxes);

/// <summary>
/// The images of one split of a manifest that training uses. The image truth is the one rule of
/// <see cref="ImageTruth"/> with the <see cref="AnnotationOptions"/> of <see cref="LabelledDataset"/>; an image with
/// boxes takes part; one without boxes takes part only as a reviewed <c>no_fracture</c> image and only when
/// <see cref="TrainingDataOptions.IncludeNoFracture"/> is on (an unreviewed image, or a fracture label without a box,
/// teaches nothing right and is left out). Image files are not opened here: the cache reads each once (so a bad
/// image can be skipped there by the skip setting); the real size comes from the decode.
/// </summary>
public static class TrainingImages
{
    /// <summary>The training images of <paramref name="split"/> in manifest order.</summary>
    public static IReadOnlyList<TrainingImage> FromManifest(Manifest manifest, DatasetSplit split,
        AnnotationOptions? annotations = null, TrainingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        annotations ??= AnnotationOptions.Default;
        options = (options ?? TrainingDataOptions.Default).Validate();
        var images = new List<TrainingImage>();
        foreach (var row in manifest.InSplit(split))
        {
            string? annotationFile = manifest.AnnotationFile(row);
            var annotation = annotationFile is null
                ? LabeledAnnotation.None
                : LabeledAnnotation.Load(annotationFile, annotations.ClassMap, annotations.Voc, annotations.Difficult);
            var (label, _) = ImageTruth.Decide(row.Label, annotation.Boxes, annotation.Verified);
            bool takesPart = annotation.Boxes.Count > 0 || (label == ImageLabel.NoFracture && options.IncludeNoFracture);
            if (label is { } known && takesPart)
            {
                images.Add(new TrainingImage(row.ImageId, manifest.ImageFile(row), known, annotation.Boxes));
            }
        }
        return images;
    }
}
