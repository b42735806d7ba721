using System.Buffers.Binary;
using System.Text;

namespace HipFx.Convert.Bench;

/// <summary>Writes a synthetic 16-bit (12 bits stored) MONOCHROME1 "pelvis" radiograph as an explicit VR little
/// endian DICOM file: smooth soft tissue, two dense femora and a pelvis ring, plus detector noise, so that its
/// entropy (and so its JPEG Lossless size and decode time) is close to a real DX image's.</summary>
internal static class SyntheticRadiograph
{
    public static void Write(string path, int columns, int rows, int seed)
    {
        var pixels = new ushort[columns * rows];
        var random = new Random(seed);
        for (var y = 0; y < rows; y++)
        {
            var v = (double)y / rows;
            for (var x = 0; x < columns; x++)
            {
                var u = (double)x / columns;
                var tissue = 900 + 700 * Math.Exp(-Math.Pow((u - 0.5) / 0.35, 2));
                var ring = Math.Abs(Math.Sqrt(Math.Pow((u - 0.5) / 0.3, 2) + Math.Pow((v - 0.35) / 0.2, 2)) - 1) < 0.08 ? 900 : 0;
                var femora = Math.Abs(u - 0.3 - 0.1 * v) < 0.06 && v > 0.45 || Math.Abs(u - 0.7 + 0.1 * v) < 0.06 && v > 0.45 ? 1200 : 0;
                var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 14;
                pixels[y * columns + x] = (ushort)Math.Clamp(4095 - (tissue + ring + femora + noise), 0, 4095);
            }
        }
        using var file = new BinaryWriter(File.Create(path));
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var meta = new MemoryStream();
        Element(meta, 0x0002, 0x0001, "OB", [0, 1]);
        Element(meta, 0x0002, 0x0002, "UI", Ascii("1.2.840.10008.5.1.4.1.1.1.1"));
        Element(meta, 0x0002, 0x0003, "UI", Ascii($"2.25.{seed + 1000}"));
        Element(meta, 0x0002, 0x0010, "UI", Ascii("1.2.840.10008.1.2.1"));
        var group = new MemoryStream();
        Element(group, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        file.Write(group.ToArray());
        file.Write(meta.ToArray());
        var body = new MemoryStream();
        Element(body, 0x0008, 0x0016, "UI", Ascii("1.2.840.10008.5.1.4.1.1.1.1"));
        Element(body, 0x0008, 0x0018, "UI", Ascii($"2.25.{seed + 1000}"));
        Element(body, 0x0008, 0x0060, "CS", Ascii("DX"));
        Element(body, 0x0010, 0x0010, "PN", Ascii("BENCH^SYNTHETIC"));
        Element(body, 0x0010, 0x0020, "LO", Ascii($"BENCH{seed}"));
        Element(body, 0x0020, 0x000D, "UI", Ascii($"2.25.{seed + 2000}"));
        Element(body, 0x0028, 0x0002, "US", U16(1));
        Element(body, 0x0028, 0x0004, "CS", Ascii("MONOCHROME1"));
        Element(body, 0x0028, 0x0010, "US", U16((ushort)rows));
        Element(body, 0x0028, 0x0011, "US", U16((ushort)columns));
        Element(body, 0x0028, 0x0030, "DS", Ascii("0.139\\0.139"));
        Element(body, 0x0028, 0x0100, "US", U16(16));
        Element(body, 0x0028, 0x0101, "US", U16(12));
        Element(body, 0x0028, 0x0102, "US", U16(11));
        Element(body, 0x0028, 0x0103, "US", U16(0));
        var data = new byte[pixels.Length * 2];
        Buffer.BlockCopy(pixels, 0, data, 0, data.Length);
        Element(body, 0x7FE0, 0x0010, "OW", data);
        file.Write(body.ToArray());
    }

    private static byte[] U16(ushort value) => BitConverter.GetBytes(value);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text.Length % 2 == 1 ? text + (text.StartsWith('1') || text.StartsWith('2') ? "\0" : " ") : text);

    private static void Element(Stream stream, ushort group, ushort element, string vr, byte[] value)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (vr is "OB" or "OW")
        {
            header[6] = header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            stream.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            stream.Write(header[..8]);
        }
        stream.Write(value);
    }
}
