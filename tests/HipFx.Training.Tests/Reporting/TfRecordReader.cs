using System.Buffers.Binary;
using System.Text;

namespace HipFx.Training.Tests.Reporting;

/// <summary>
/// A small, independent reader of TensorBoard event files: TFRecord framing (length, masked CRC-32C of the length,
/// payload, masked CRC-32C of the payload) and just enough protobuf to pull out each Event's step, wall time and
/// scalar summaries. Throws on any framing or CRC error, so a file it reads is one TensorBoard can read.
/// </summary>
internal static class TfRecordReader
{
    public sealed record Scalar(string Tag, float Value, long Step, double WallTime);

    public sealed record EventFile(string? FileVersion, IReadOnlyList<Scalar> Scalars, int Records);

    public static EventFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var scalars = new List<Scalar>();
        string? version = null;
        int offset = 0, records = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 12)
            {
                throw new InvalidDataException($"truncated record header at {offset}");
            }
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            if (Masked(Crc32C(bytes.AsSpan(offset, 8))) != lengthCrc)
            {
                throw new InvalidDataException($"bad length CRC at {offset}");
            }
            int start = offset + 12;
            if ((ulong)(bytes.Length - start) < length + 4)
            {
                throw new InvalidDataException($"truncated record at {offset}");
            }
            var payload = bytes.AsSpan(start, (int)length);
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(start + (int)length));
            if (Masked(Crc32C(payload)) != dataCrc)
            {
                throw new InvalidDataException($"bad data CRC at {offset}");
            }
            ParseEvent(payload.ToArray(), scalars, ref version);
            offset = start + (int)length + 4;
            records++;
        }
        return new EventFile(version, scalars, records);
    }

    private static void ParseEvent(byte[] e, List<Scalar> scalars, ref string? version)
    {
        double wall = 0;
        long step = 0;
        var summaries = new List<byte[]>();
        foreach (var (field, wire, value, bytes) in Fields(e))
        {
            switch (field)
            {
                case 1 when wire == 1: wall = BitConverter.Int64BitsToDouble((long)value); break;
                case 2 when wire == 0: step = (long)value; break;
                case 3 when wire == 2: version = Encoding.UTF8.GetString(bytes!); break;
                case 5 when wire == 2: summaries.Add(bytes!); break;
            }
        }
        foreach (var summary in summaries)
        {
            foreach (var (field, wire, _, valueBytes) in Fields(summary))
            {
                if (field != 1 || wire != 2)
                {
                    continue;
                }
                string tag = "";
                float? simple = null;
                foreach (var (f, w, v, b) in Fields(valueBytes!))
                {
                    if (f == 1 && w == 2)
                    {
                        tag = Encoding.UTF8.GetString(b!);
                    }
                    else if (f == 2 && w == 5)
                    {
                        simple = BitConverter.Int32BitsToSingle((int)v);
                    }
                }
                if (simple is { } x)
                {
                    scalars.Add(new Scalar(tag, x, step, wall));
                }
            }
        }
    }

    private static IEnumerable<(int Field, int Wire, ulong Value, byte[]? Bytes)> Fields(byte[] m)
    {
        int i = 0;
        while (i < m.Length)
        {
            ulong key = Varint(m, ref i);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(m, ref i), null); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(m.AsSpan(i)), null); i += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(i)), null); i += 4; break;
                case 2:
                    int n = (int)Varint(m, ref i);
                    yield return (field, wire, 0, m.AsSpan(i, n).ToArray());
                    i += n;
                    break;
                default: throw new InvalidDataException($"unexpected protobuf wire type {wire}");
            }
        }
    }

    private static ulong Varint(byte[] m, ref int i)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = m[i++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xa282ead8u;

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit: slow, obviously right.</summary>
    internal static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xffffffffu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
            }
        }
        return ~crc;
    }
}
