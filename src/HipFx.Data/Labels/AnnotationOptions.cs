using HipFx.Data.Manifests;
using HipFx.Data.Voc;

namespace HipFx.Data.Labels;

/// <summary>
/// How annotations are read, one shape for every reader of labelled data (lint, eval, readers, training): the class
/// map, the VOC coordinate convention, what difficult boxes do, and how the manifest's paths are allowed to point
/// (<see cref="ManifestReadOptions"/>: inside its folder unless allowed).
/// </summary>
public sealed record AnnotationOptions
{
    public static AnnotationOptions Default { get; } = new();

    /// <summary>Names in VOC files → fracture classes. Default <see cref="ClassMap.Default"/>.</summary>
    public ClassMap ClassMap { get; init; } = ClassMap.Default;

    /// <summary>How VOC numbers become pixel edges. Default <c>labelimg_edge</c>.</summary>
    public VocCoordinateConvention Convention { get; init; } = VocCoordinateConvention.LabelImgEdge;

    /// <summary>What VOC "difficult" boxes do. Default keep (scored and trained like any box).</summary>
    public DifficultPolicy Difficult { get; init; } = DifficultPolicy.Keep;

    /// <summary>Largest VOC file accepted, in characters. Default <see cref="VocReadOptions"/>' 4 Mi.</summary>
    public long MaxXmlCharacters { get; init; } = VocReadOptions.Default.MaxCharacters;

    /// <summary>How the manifest is read (the path rule). Default: paths stay inside its folder.</summary>
    public ManifestReadOptions Manifest { get; init; } = ManifestReadOptions.Default;

    /// <summary>The VOC reader's settings.</summary>
    public VocReadOptions Voc => new() { Convention = Convention, MaxCharacters = MaxXmlCharacters };
}
