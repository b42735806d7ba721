using System.Buffers.Binary;
using System.Text;

namespace HipFx.Data.Tests.Dicom;

/// <summary>Builds small explicit VR little endian Part 10 files byte by byte, so tests can make lying lengths,
/// deep sequences and private tags on purpose.</summary>
internal sealed class DicomBytes
{
    private readonly MemoryStream body = new();

    public DicomBytes Element(ushort group, ushort element, string vr, byte[] value)
    {
        Header(group, element, vr, (uint)value.Length);
        body.Write(value);
        return this;
    }

    public DicomBytes Text(ushort group, ushort element, string vr, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text.Length % 2 == 1 ? text + " " : text);
        return Element(group, element, vr, bytes);
    }

    public DicomBytes UShort(ushort group, ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Element(group, element, "US", bytes);
    }

    /// <summary>A header with any length, followed by nothing: for lying lengths.</summary>
    public DicomBytes Header(ushort group, ushort element, string vr, uint length)
    {
        Span<byte> b = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], element);
        if (group == 0xFFFE)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b[4..], length);
            body.Write(b[..8]);
            return this;
        }
        b[4] = (byte)vr[0];
        b[5] = (byte)vr[1];
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT")
        {
            b[6] = b[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(b[8..], length);
            body.Write(b);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b[6..], (ushort)length);
            body.Write(b[..8]);
        }
        return this;
    }

    public DicomBytes Raw(params byte[] bytes)
    {
        body.Write(bytes);
        return this;
    }

    /// <summary>A 4x2 8-bit MONOCHROME2 image module with the given pixels.</summary>
    public DicomBytes Image8(byte[] pixels, int rows = 2, int columns = 4) =>
        UShort(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .UShort(0x0028, 0x0010, (ushort)rows).UShort(0x0028, 0x0011, (ushort)columns)
            .UShort(0x0028, 0x0100, 8).UShort(0x0028, 0x0101, 8).UShort(0x0028, 0x0102, 7).UShort(0x0028, 0x0103, 0)
            .Element(0x7FE0, 0x0010, "OB", pixels);

    /// <summary>Preamble, DICM, file meta naming explicit VR little endian, then the body.</summary>
    public byte[] ToPart10(string transferSyntax = "1.2.840.10008.1.2.1")
    {
        var meta = new DicomBytes().Text(0x0002, 0x0010, "UI", transferSyntax.Length % 2 == 1 ? transferSyntax + "\0" : transferSyntax);
        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        file.Write(meta.body.ToArray());
        file.Write(body.ToArray());
        return file.ToArray();
    }
}
