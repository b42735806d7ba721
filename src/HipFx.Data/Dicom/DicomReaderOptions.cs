using HipFx.Core;

namespace HipFx.Data.Dicom;

/// <summary>How strictly the reader treats structural problems that do not touch the pixel values.</summary>
public enum DicomIntegrityHandling
{
    /// <summary>Any structural problem is an error.</summary>
    Strict,

    /// <summary>Default. Tolerates what real archives produce and other readers accept: a file meta without
    /// a transfer syntax (the data set's encoding is then sniffed), trailing bytes after the data set and
    /// odd element lengths. Problems inside the pixel data are always errors.</summary>
    IgnoreNonPixelProblems,
}

/// <summary>Options of <see cref="DicomReader"/>. Limits are options too: no header value can make the
/// reader allocate more than they allow.</summary>
public sealed record DicomReaderOptions
{
    public static readonly DicomReaderOptions Default = new();

    /// <summary>Largest file accepted, in bytes. Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest inflated data set of a Deflated transfer syntax, in bytes. Default 1 GiB.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>Deepest sequence nesting accepted. Default 16.</summary>
    public int MaxSequenceDepth { get; init; } = 16;

    /// <summary>Largest decoded frame, in pixels (rows × columns × samples). Default 2^28 (16k × 16k).</summary>
    public long MaxFramePixels { get; init; } = 1L << 28;

    /// <summary>Default <see cref="DicomIntegrityHandling.IgnoreNonPixelProblems"/>.</summary>
    public DicomIntegrityHandling IntegrityHandling { get; init; } = DicomIntegrityHandling.IgnoreNonPixelProblems;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming a limit that is too small.</summary>
    public DicomReaderOptions Validate()
    {
        OptionRules.AtLeast(MaxFileBytes, 132L);
        OptionRules.Positive(MaxInflatedBytes);
        OptionRules.Positive(MaxSequenceDepth);
        OptionRules.Positive(MaxFramePixels);
        return this;
    }
}
