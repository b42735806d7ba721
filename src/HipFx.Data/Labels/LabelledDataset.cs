using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;

namespace HipFx.Data.Labels;

/// <summary>
/// A manifest's labelled images (one split or all), read once by one rule: VOC boxes through
/// <see cref="AnnotationOptions"/>, the truth by <see cref="ImageTruth"/>, the real size from the image header.
/// Images whose truth is unknown (unreviewed) are listed apart, never given a label.
/// </summary>
public sealed record LabelledDataset(Manifest Manifest, IReadOnlyList<LabelledImage> Images, IReadOnlyList<string> Unreviewed)
{
    /// <summary>
    /// Reads the rows of <paramref name="split"/> (null: every row) sorted by image id. A bad VOC file, an unknown
    /// class name or an unreadable image throws <see cref="HipFxDataException"/> naming the file.
    /// </summary>
    public static LabelledDataset Load(string manifestPath, DatasetSplit? split, AnnotationOptions? options = null, bool labelsOnly = false) =>
        From(ManifestReader.Read(manifestPath, (options ?? AnnotationOptions.Default).Manifest), split, options, labelsOnly);

    /// <inheritdoc cref="Load"/>
    /// <param name="labelsOnly">For consumers that need only the truth labels (the reader study), which may have
    /// neither images nor annotation files: no image is opened (sizes 0) and an annotation is read only when the
    /// manifest gives no label (boxes then empty for labelled rows). Default false: everything is read.</param>
    public static LabelledDataset From(Manifest manifest, DatasetSplit? split, AnnotationOptions? options = null, bool labelsOnly = false)
    {
        options ??= AnnotationOptions.Default;
        var rows = (split is { } s ? manifest.InSplit(s) : manifest.Rows).OrderBy(r => r.ImageId, StringComparer.Ordinal);
        var images = new List<LabelledImage>();
        var unreviewed = new List<string>();
        foreach (var row in rows)
        {
            if (Read(manifest, row, options, labelsOnly) is { } image)
            {
                images.Add(image);
            }
            else
            {
                unreviewed.Add(row.ImageId);
            }
        }
        return new LabelledDataset(manifest, images, unreviewed);
    }

    /// <summary>One row as a labelled image; null when its truth is unknown (<see cref="TruthSource.Unreviewed"/>).</summary>
    public static LabelledImage? Read(Manifest manifest, ManifestRow row, AnnotationOptions options, bool labelsOnly = false)
    {
        string imageFile = manifest.ImageFile(row);
        IReadOnlyList<GroundTruthBox> boxes = [];
        bool verified = false;
        if (manifest.AnnotationFile(row) is { } xml && !(labelsOnly && row.Label is not null))
        {
            var voc = VocReader.Read(xml, options.Voc);
            boxes = LabeledAnnotation.From(voc, options.ClassMap, xml, options.Difficult).Boxes;
            verified = voc.Verified;
        }
        var (label, source) = ImageTruth.Decide(row.Label, boxes, verified);
        if (label is null)
        {
            return null;
        }
        int width = 0, height = 0;
        if (!labelsOnly)
        {
            var header = RadiographLoader.ReadHeader(imageFile);
            (width, height) = (header.Width, header.Height);
        }
        return new LabelledImage
        {
            ImageId = row.ImageId,
            PatientId = row.PatientId,
            Institution = row.Institution,
            Split = row.Split,
            ImageFile = imageFile,
            AnnotationFile = manifest.AnnotationFile(row),
            Label = label.Value,
            Source = source,
            Boxes = boxes,
            Width = width,
            Height = height,
        };
    }
}
