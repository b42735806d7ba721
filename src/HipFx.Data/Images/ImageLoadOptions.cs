using HipFx.Core;

namespace HipFx.Data.Images;

/// <summary>How radiographs are decoded. Limits are options, checked on the header before any pixel is decoded.</summary>
public sealed record ImageLoadOptions
{
    public static ImageLoadOptions Default { get; } = new();

    /// <summary>
    /// Largest image accepted, in pixels (width × height). Default 100 million (a 10,000 × 10,000 image; full-size
    /// AP hip radiographs are 5 to 20 million). Larger headers are refused as decompression bombs before decoding.
    /// </summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Largest file accepted, in bytes. Default 512 MiB.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming a limit that is not positive.</summary>
    public void Validate()
    {
        OptionRules.Positive(MaxPixels);
        OptionRules.Positive(MaxFileBytes);
    }
}
