using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Pipeline;

/// <summary>How ground truth is read from a manifest and its VOC files.</summary>
public sealed record GroundTruthOptions
{
    /// <summary>Maps the names found in VOC files to classes. Default <see cref="ClassMap.Default"/>.</summary>
    public ClassMap ClassMap { get; init; } = ClassMap.Default;

    /// <summary>How VOC numbers become boxes. Default labelimg_edge.</summary>
    public VocReadOptions Voc { get; init; } = VocReadOptions.Default;

    /// <summary>What VOC "difficult" boxes do. Default keep (scored like any box; COCO AP has no ignore flag here).</summary>
    public DifficultPolicy Difficult { get; init; } = DifficultPolicy.Keep;

    /// <summary>How the manifest is read (the path rule). Default: paths stay inside its folder.</summary>
    public ManifestReadOptions Manifest { get; init; } = ManifestReadOptions.Default;
}

/// <summary>One split of a manifest as evaluation ground truth, with where the images are.</summary>
public sealed record ManifestGroundTruth(IReadOnlyList<EvalImage> Images, IReadOnlyDictionary<string, string> ImageFiles,
    string ManifestHash, string Split, string CoordinateConvention)
{
    /// <summary>
    /// Reads the rows of <paramref name="split"/> (sorted by image id, the order of ground_truth.json), their
    /// VOC boxes and sizes (from the VOC file, else the image header). The image label is the manifest's
    /// <c>label</c>, else the boxes' class (no boxes: no_fracture, which needs an annotation file or a label).
    /// </summary>
    public static ManifestGroundTruth Load(string manifestPath, DatasetSplit split, GroundTruthOptions? options = null)
    {
        options ??= new GroundTruthOptions();
        var manifest = ManifestReader.Read(manifestPath, options.Manifest);
        var rows = manifest.InSplit(split).OrderBy(r => r.ImageId, StringComparer.Ordinal).ToList();
        if (rows.Count == 0)
        {
            throw new HipFxDataException($"no image is in split '{split.Name()}' (run 'hipfx split' first?)", manifestPath);
        }
        var images = new List<EvalImage>(rows.Count);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            string imageFile = manifest.ImageFile(row);
            files[row.ImageId] = imageFile;
            IReadOnlyList<GroundTruthBox> boxes = [];
            int width, height;
            if (manifest.AnnotationFile(row) is { } xml)
            {
                var voc = VocReader.Read(xml, options.Voc);
                boxes = LabeledAnnotation.From(voc, options.ClassMap, xml, options.Difficult).Boxes;
                (width, height) = (voc.Width, voc.Height);
            }
            else if (row.Label is null)
            {
                throw new HipFxDataException($"image '{row.ImageId}' has neither a label nor an annotation file: its truth is unknown", manifestPath);
            }
            else
            {
                var header = RadiographLoader.ReadHeader(imageFile);
                (width, height) = (header.Width, header.Height);
            }
            var label = row.Label ?? EvalImage.LabelFromBoxes(boxes);
            images.Add(new EvalImage(row.ImageId, row.PatientId, label, boxes, width, height));
        }
        return new ManifestGroundTruth(images, files, manifest.Sha256(), split.Name(),
            Tables.RunStamp.WithVoc(options.Voc.Convention.ConfigName()));
    }
}
