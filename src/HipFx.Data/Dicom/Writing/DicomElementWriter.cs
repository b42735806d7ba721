using System.Buffers.Binary;
using System.Text;

namespace HipFx.Data.Dicom.Writing;

/// <summary>
/// Encodes data elements in explicit VR little endian (PS3.5 §7.1.2): tag, two-letter VR, then a
/// 16-bit length, or for OB/OW/OF/SQ/UT/UN two reserved bytes and a 32-bit length. Values are padded
/// to even length: UI with NUL, other text with a space. Callers write elements in ascending tag order.
/// </summary>
public sealed class DicomElementWriter
{
    private readonly Stream stream;
    private uint lastTag;

    public DicomElementWriter(Stream stream) => this.stream = stream;

    /// <summary>Writes a text element (AE, AS, CS, DA, DS, IS, LO, PN, SH, TM, UI...).</summary>
    public void Text(ushort group, ushort element, string vr, string value)
    {
        if (value.Any(c => c > 0x7E || (c < 0x20 && c != 0)))
        {
            throw new ArgumentException($"({group:X4},{element:X4}) {vr}: only printable ASCII is written, got \"{value}\"", nameof(value));
        }
        var bytes = Encoding.ASCII.GetBytes(value);
        int length = bytes.Length + (bytes.Length & 1);
        Header(group, element, vr, length);
        stream.Write(bytes);
        if ((bytes.Length & 1) == 1)
        {
            stream.WriteByte(vr == "UI" ? (byte)0 : (byte)' ');
        }
    }

    /// <summary>Writes a US (unsigned short) element.</summary>
    public void UShort(ushort group, ushort element, ushort value)
    {
        Header(group, element, "US", 2);
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        stream.Write(b);
    }

    /// <summary>Writes a UL (unsigned long) element.</summary>
    public void ULong(ushort group, ushort element, uint value)
    {
        Header(group, element, "UL", 4);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        stream.Write(b);
    }

    /// <summary>Writes an OB element (padded with a NUL to even length).</summary>
    public void OtherBytes(ushort group, ushort element, ReadOnlySpan<byte> value)
    {
        int length = value.Length + (value.Length & 1);
        Header(group, element, "OB", length);
        stream.Write(value);
        if ((value.Length & 1) == 1)
        {
            stream.WriteByte(0);
        }
    }

    /// <summary>Writes an OW element of 16-bit little-endian words.</summary>
    public void OtherWords(ushort group, ushort element, ReadOnlySpan<ushort> words)
    {
        Header(group, element, "OW", checked(words.Length * 2));
        var buffer = new byte[Math.Min(words.Length, 1 << 15) * 2];
        for (int start = 0; start < words.Length; start += buffer.Length / 2)
        {
            int count = Math.Min(buffer.Length / 2, words.Length - start);
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(2 * i), words[start + i]);
            }
            stream.Write(buffer, 0, count * 2);
        }
    }

    /// <summary>The encoded size of a text element (for group lengths).</summary>
    public static int TextSize(string value) => 8 + value.Length + (value.Length & 1);

    private void Header(ushort group, ushort element, string vr, int length)
    {
        uint tag = (uint)group << 16 | element;
        if (tag <= lastTag && lastTag != 0)
        {
            throw new InvalidOperationException($"DICOM elements must ascend: ({group:X4},{element:X4}) after ({lastTag >> 16:X4},{lastTag & 0xFFFF:X4})");
        }
        lastTag = tag;
        bool longForm = vr is "OB" or "OW" or "OF" or "SQ" or "UT" or "UN";
        if (!longForm && length > ushort.MaxValue)
        {
            throw new ArgumentException($"({group:X4},{element:X4}) {vr}: value of {length} bytes is too long for a 16-bit length");
        }
        Span<byte> h = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(h, group);
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], element);
        h[4] = (byte)vr[0];
        h[5] = (byte)vr[1];
        if (longForm)
        {
            h[6] = 0;
            h[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)length);
            stream.Write(h);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h[6..], (ushort)length);
            stream.Write(h[..8]);
        }
    }
}
