using HipFx.Data.Files;
using HipFx.Data.Images;
using HipFx.Data.Labels;
using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>Settings of <see cref="DatasetLinter"/>.</summary>
public sealed record LintOptions
{
    /// <summary>Class map, VOC convention and size limit, difficult policy: the same shape eval, readers and training read with.</summary>
    public AnnotationOptions Annotations { get; init; } = AnnotationOptions.Default;

    /// <summary>Smallest box side accepted, in pixels. Default 2.</summary>
    public double MinBoxSide { get; init; } = 2;

    /// <summary>Decode every image fully (finds corrupt pixel data), not only its header. Default true.</summary>
    public bool DecodePixels { get; init; } = true;

    /// <summary>Image limits (pixel count, file size).</summary>
    public ImageLoadOptions Images { get; init; } = ImageLoadOptions.Default;

    /// <summary>How a dataset folder is walked (linked folders are not followed by default).</summary>
    public FileWalkOptions Walk { get; init; } = FileWalkOptions.Default;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming a bad setting.</summary>
    public LintOptions Validated()
    {
        OptionRules.Positive(MinBoxSide);
        OptionRules.Positive(Annotations.MaxXmlCharacters);
        Images.Validate();
        return this;
    }
}
