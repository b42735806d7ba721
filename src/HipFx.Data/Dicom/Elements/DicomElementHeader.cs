using System.Buffers.Binary;

namespace HipFx.Data.Dicom.Elements;

/// <summary>The header of one data element: tag, VR (explicit syntaxes only), value length and where it sits.
/// <see cref="Parse"/> reads it from bytes; <see cref="Validate"/> checks it against the bytes that remain.</summary>
internal readonly struct DicomElementHeader
{
    /// <summary>The value length that means "until a delimiter".</summary>
    public const uint UndefinedLength = 0xFFFF_FFFF;

    private DicomElementHeader(DicomTag tag, DicomVr vr, uint length, long offset, int headerSize)
    {
        Tag = tag;
        Vr = vr;
        Length = length;
        Offset = offset;
        HeaderSize = headerSize;
    }

    public DicomTag Tag { get; }

    public DicomVr Vr { get; }

    public uint Length { get; }

    /// <summary>Byte offset of the header in the (possibly inflated) data.</summary>
    public long Offset { get; }

    public int HeaderSize { get; }

    public bool IsUndefinedLength => Length == UndefinedLength;

    public long ValueOffset => Offset + HeaderSize;

    /// <summary>Reads a header at <paramref name="offset"/>. Item and delimiter tags (group FFFE) never carry a VR.
    /// Returns false when fewer than 8 bytes remain.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, long offset, bool explicitVr, bool bigEndian, out DicomElementHeader header)
    {
        header = default;
        if (offset + 8 > data.Length)
        {
            return false;
        }
        var span = data[(int)offset..];
        var group = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
        var element = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
        var tag = new DicomTag(group, element);
        if (!explicitVr || group == 0xFFFE)
        {
            header = new DicomElementHeader(tag, DicomVr.None, ReadUInt32(span[4..], bigEndian), offset, 8);
            return true;
        }
        var vr = DicomVr.FromBytes(span[4], span[5]);
        if (vr.HasLongLength)
        {
            if (offset + 12 > data.Length)
            {
                return false;
            }
            header = new DicomElementHeader(tag, vr, ReadUInt32(span[8..], bigEndian), offset, 12);
            return true;
        }
        var shortLength = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        header = new DicomElementHeader(tag, vr, shortLength, offset, 8);
        return true;
    }

    /// <summary>Checks the VR and that a defined length fits in the <paramref name="end"/> of the data.</summary>
    public void Validate(string file, long end, bool explicitVr)
    {
        if (explicitVr && Tag.Group != 0xFFFE && !Vr.LooksValid)
        {
            DicomThrowHelper.ThrowBadVr(file, Tag, Offset, Vr);
        }
        if (IsUndefinedLength)
        {
            var allowed = Vr.IsNone || Vr == DicomVr.SQ || Vr == DicomVr.UN || Tag == DicomTag.PixelData;
            if (!allowed)
            {
                DicomThrowHelper.ThrowUndefinedLength(file, Tag, Offset, Vr);
            }
            return;
        }
        if (ValueOffset + Length > end)
        {
            DicomThrowHelper.ThrowLengthBeyondEnd(file, Tag, Offset, Length, Math.Max(0, end - ValueOffset));
        }
    }

    public override string ToString() => $"{Tag} {Vr} length {(IsUndefinedLength ? "undefined" : Length)} at {Offset}";

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
}
