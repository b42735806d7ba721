using HipFx.Data.Images;
using HipFx.Data.Voc;
using HipFx.Core;

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

    /// <summary>XML limits.</summary>
    public long MaxXmlCharacters { get; init; } = VocReadOptions.Default.MaxCharacters;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming a bad setting.</summary>
    public LintOptions Validated()
    {
        OptionRules.Positive(MinBoxSide);
        OptionRules.Positive(MaxXmlCharacters);
        Images.Validate();
        return this;
    }
}
