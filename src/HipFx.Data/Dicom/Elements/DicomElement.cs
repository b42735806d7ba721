namespace HipFx.Data.Dicom.Elements;

/// <summary>One data element: its tag, VR, raw value bytes (a slice of the file, not a copy) and, for
/// sequences, its items; for encapsulated pixel data, its fragments.</summary>
public sealed class DicomElement
{
    internal DicomElement(DicomTag tag, DicomVr vr, long offset, ReadOnlyMemory<byte> value,
        IReadOnlyList<DicomDataset>? items = null, IReadOnlyList<DicomFragment>? fragments = null)
    {
        Tag = tag;
        Vr = vr;
        Offset = offset;
        Value = value;
        Items = items ?? [];
        Fragments = fragments;
    }

    public DicomTag Tag { get; }

    /// <summary>The VR read from the file; <see cref="DicomVr.None"/> in implicit VR.</summary>
    public DicomVr Vr { get; }

    /// <summary>Byte offset of the element header.</summary>
    public long Offset { get; }

    /// <summary>The value bytes as stored (in the transfer syntax's byte order).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The items of a sequence; empty for other elements.</summary>
    public IReadOnlyList<DicomDataset> Items { get; }

    /// <summary>Fragments of encapsulated pixel data (the basic offset table first); null when native.</summary>
    public IReadOnlyList<DicomFragment>? Fragments { get; }
}

/// <summary>One fragment (item) of encapsulated pixel data, with the offset of its item header.</summary>
public readonly record struct DicomFragment(long Offset, ReadOnlyMemory<byte> Data);
