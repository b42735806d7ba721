using HipFx.Data.Voc;

namespace HipFx.Data.Labels;

/// <summary>
/// How annotations are read, one shape for every reader of labelled data (lint, eval, readers, training): the class
/// map, the VOC coordinate convention and what difficult boxes do.
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

    /// <summary>The VOC reader's settings.</summary>
    public VocReadOptions Voc => new() { Convention = Convention, MaxCharacters = MaxXmlCharacters };
}
