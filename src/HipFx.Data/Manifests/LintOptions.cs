using HipFx.Data.Files;
using HipFx.Data.Images;
using HipFx.Data.Voc;

namespace HipFx.Data.Manifests;

/// <summary>Settings of <see cref="DatasetLinter"/>.</summary>
public sealed record LintOptions
{
    /// <summary>Class names → fracture classes. Default <see cref="ClassMap.Default"/>.</summary>
    public ClassMap ClassMap { get; init; } = ClassMap.Default;

    /// <summary>VOC coordinate convention. Default <c>labelimg_edge</c>.</summary>
    public VocCoordinateConvention Convention { get; init; } = VocCoordinateConvention.LabelImgEdge;

    /// <summary>What difficult boxes become (reported when excluded). Default keep.</summary>
    public DifficultPolicy Difficult { get; init; } = DifficultPolicy.Keep;

    /// <summary>Smallest box side accepted, in pixels. Default 2.</summary>
    public double MinBoxSide { get; init; } = 2;

    /// <summary>Decode every image fully (finds corrupt pixel data), not only its header. Default true.</summary>
    public bool DecodePixels { get; init; } = true;

    /// <summary>Image limits (pixel count, file size).</summary>
    public ImageLoadOptions Images { get; init; } = ImageLoadOptions.Default;

    /// <summary>How a dataset folder is walked (linked folders are not followed by default).</summary>
    public FileWalkOptions Walk { get; init; } = FileWalkOptions.Default;

    /// <summary>XML limits.</summary>
    public long MaxXmlCharacters { get; init; } = VocReadOptions.Default.MaxCharacters;

    /// <summary>How a manifest is read (the path rule). Default: paths stay inside its folder.</summary>
    public ManifestReadOptions Manifest { get; init; } = ManifestReadOptions.Default;
}
