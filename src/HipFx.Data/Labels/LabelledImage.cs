using HipFx.Core;
using HipFx.Data.Manifests;

namespace HipFx.Data.Labels;

/// <summary>
/// One labelled image of a dataset, as every consumer sees it: identity, split, the image file, the truth
/// (<see cref="ImageTruth"/>) and the boxes in original-image pixels (hipfx edge coordinates), with the real image
/// size (from the image itself: it wins over a VOC <c>&lt;size&gt;</c>).
/// </summary>
public sealed record LabelledImage
{
    public required string ImageId { get; init; }

    public required string PatientId { get; init; }

    public required string Institution { get; init; }

    public DatasetSplit? Split { get; init; }

    /// <summary>Full path of the image file.</summary>
    public required string ImageFile { get; init; }

    /// <summary>Full path of the VOC file, when there is one.</summary>
    public string? AnnotationFile { get; init; }

    /// <summary>The image's truth.</summary>
    public required ImageLabel Label { get; init; }

    /// <summary>Where <see cref="Label"/> came from.</summary>
    public required TruthSource Source { get; init; }

    /// <summary>Boxes after the class map and the difficult policy, in original-image pixels.</summary>
    public required IReadOnlyList<GroundTruthBox> Boxes { get; init; }

    /// <summary>The real image width in pixels (0 when loaded labels-only).</summary>
    public required int Width { get; init; }

    /// <summary>The real image height in pixels.</summary>
    public required int Height { get; init; }
}
