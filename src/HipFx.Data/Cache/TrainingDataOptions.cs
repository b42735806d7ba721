using HipFx.Core;

namespace HipFx.Data.Cache;

/// <summary>Which images of a split take part in training, and what happens to one that cannot be read.</summary>
public sealed record TrainingDataOptions
{
    public static TrainingDataOptions Default { get; } = new();

    /// <summary>
    /// <c>include_no_fracture</c>: <c>no_fracture</c> images take part as images without boxes. Default true
    /// (the paper left them out; specificity depends on them).
    /// </summary>
    public bool IncludeNoFracture { get; init; } = true;

    /// <summary>
    /// <c>skip_bad_images</c>: a missing or corrupt image is skipped and listed at the end instead of stopping with an
    /// error naming the file. Default false.
    /// </summary>
    public bool SkipBadImages { get; init; }

    public TrainingDataOptions Validate() => this;
}
