namespace HipFx.Data.Dicom.Codecs.Jpeg;

/// <summary>One component of a JPEG frame header (SOF).</summary>
internal sealed record JpegComponent(int Id, int H, int V, int QuantTable)
{
    public int DcTable { get; set; }

    public int AcTable { get; set; }
}

/// <summary>A JPEG frame header (SOFn).</summary>
internal sealed record JpegFrameHeader(int Marker, int Precision, int Lines, int SamplesPerLine, JpegComponent[] Components)
{
    public int MaxH => Components.Max(c => c.H);

    public int MaxV => Components.Max(c => c.V);
}

/// <summary>A scan header (SOS): the components in the scan and its parameters (Ss = predictor for lossless,
/// Al = point transform).</summary>
internal sealed record JpegScanHeader(JpegComponent[] Components, int Ss, int Se, int Ah, int Al);

/// <summary>Walks the marker segments of a JPEG stream (T.81 Annex B), keeping tables, the frame header and the
/// restart interval, and hands each scan's entropy-coded data to the decoder. Every segment length is
/// checked against the data; failures throw <see cref="JpegFormatException"/> with the byte position.</summary>
internal sealed class JpegStream
{
    private readonly ReadOnlyMemory<byte> memory;

    public JpegStream(ReadOnlyMemory<byte> data)
    {
        memory = data;
    }

    public JpegHuffmanTable?[] DcTables { get; } = new JpegHuffmanTable?[4];

    public JpegHuffmanTable?[] AcTables { get; } = new JpegHuffmanTable?[4];

    public int[]?[] QuantTables { get; } = new int[]?[4];

    public JpegFrameHeader? Frame { get; private set; }

    public int RestartInterval { get; private set; }

    public ReadOnlySpan<byte> Data => memory.Span;

    /// <summary>Reads segments from the start; calls <paramref name="decodeScan"/> at each SOS with the position
    /// of its entropy-coded data, which returns the position after that data.</summary>
    public void Run(Func<JpegScanHeader, int, int> decodeScan)
    {
        var data = memory.Span;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new JpegFormatException("does not start with an SOI marker (FFD8)", 0);
        }
        var position = 2;
        var scans = 0;
        while (true)
        {
            // Find the next marker (fill bytes 0xFF are allowed before one).
            while (position < data.Length && data[position] != 0xFF)
            {
                position++;
            }
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }
            if (position >= data.Length)
            {
                if (scans > 0)
                {
                    return; // a missing EOI after complete scans is tolerated
                }
                throw new JpegFormatException("ends before any scan", data.Length);
            }
            var marker = data[position++];
            if (marker == 0xD9)
            {
                if (scans == 0)
                {
                    throw new JpegFormatException("EOI before any scan", position - 2);
                }
                return;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }
            if (position + 2 > data.Length)
            {
                throw new JpegFormatException($"marker FF{marker:X2} has no length", position);
            }
            var length = (data[position] << 8) | data[position + 1];
            if (length < 2 || position + length > data.Length)
            {
                throw new JpegFormatException($"segment FF{marker:X2} claims {length} bytes, {data.Length - position} remain", position);
            }
            var segment = data.Slice(position + 2, length - 2);
            var segmentStart = position;
            position += length;
            switch (marker)
            {
                case 0xC4:
                    ReadHuffmanTables(segment, segmentStart);
                    break;
                case 0xDB:
                    ReadQuantTables(segment, segmentStart);
                    break;
                case 0xDD:
                    RequireLength(segment, 2, "DRI", segmentStart);
                    RestartInterval = (segment[0] << 8) | segment[1];
                    break;
                case 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    Frame = ReadFrame(marker, segment, segmentStart);
                    break;
                case 0xDA:
                    var scan = ReadScan(segment, segmentStart);
                    position = decodeScan(scan, position);
                    scans++;
                    break;
                default:
                    break; // APPn, COM, DNL...: skipped
            }
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> segment, int need, string name, int position)
    {
        if (segment.Length < need)
        {
            throw new JpegFormatException($"{name} segment has {segment.Length} bytes, needs {need}", position);
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment, int position)
    {
        var i = 0;
        while (i < segment.Length)
        {
            RequireLength(segment[i..], 17, "DHT", position + i);
            var tableClass = segment[i] >> 4;
            var id = segment[i] & 15;
            if (tableClass > 1 || id > 3)
            {
                throw new JpegFormatException($"DHT names class {tableClass} table {id}", position + i);
            }
            var counts = segment.Slice(i + 1, 16);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }
            RequireLength(segment[(i + 17)..], total, "DHT symbols", position + i);
            var table = new JpegHuffmanTable(counts, segment.Slice(i + 17, total));
            (tableClass == 0 ? DcTables : AcTables)[id] = table;
            i += 17 + total;
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> segment, int position)
    {
        var i = 0;
        while (i < segment.Length)
        {
            var precision = segment[i] >> 4;
            var id = segment[i] & 15;
            var size = precision == 0 ? 64 : 128;
            RequireLength(segment[(i + 1)..], size, "DQT", position + i);
            if (id > 3)
            {
                throw new JpegFormatException($"DQT names table {id}", position + i);
            }
            var table = new int[64];
            for (var k = 0; k < 64; k++)
            {
                table[k] = precision == 0 ? segment[i + 1 + k] : (segment[i + 1 + 2 * k] << 8) | segment[i + 2 + 2 * k];
            }
            QuantTables[id] = table;
            i += 1 + size;
        }
    }

    private static JpegFrameHeader ReadFrame(int marker, ReadOnlySpan<byte> segment, int position)
    {
        RequireLength(segment, 6, "SOF", position);
        var count = segment[5];
        RequireLength(segment, 6 + 3 * count, "SOF", position);
        var components = new JpegComponent[count];
        for (var c = 0; c < count; c++)
        {
            var s = segment.Slice(6 + 3 * c, 3);
            var h = s[1] >> 4;
            var v = s[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4 || s[2] > 3)
            {
                throw new JpegFormatException($"component {s[0]} has sampling {h}x{v}, quant table {s[2]}", position);
            }
            components[c] = new JpegComponent(s[0], h, v, s[2]);
        }
        var frame = new JpegFrameHeader(marker, segment[0], (segment[1] << 8) | segment[2], (segment[3] << 8) | segment[4], components);
        if (frame.Lines == 0 || frame.SamplesPerLine == 0 || count == 0)
        {
            throw new JpegFormatException($"frame is {frame.SamplesPerLine} x {frame.Lines} with {count} components", position);
        }
        return frame;
    }

    private JpegScanHeader ReadScan(ReadOnlySpan<byte> segment, int position)
    {
        if (Frame is null)
        {
            throw new JpegFormatException("SOS before any SOF", position);
        }
        RequireLength(segment, 1, "SOS", position);
        var count = segment[0];
        RequireLength(segment, 1 + 2 * count + 3, "SOS", position);
        var components = new JpegComponent[count];
        for (var c = 0; c < count; c++)
        {
            var id = segment[1 + 2 * c];
            var component = Frame.Components.FirstOrDefault(x => x.Id == id)
                ?? throw new JpegFormatException($"scan names component {id}, not in the frame", position);
            component.DcTable = segment[2 + 2 * c] >> 4;
            component.AcTable = segment[2 + 2 * c] & 15;
            components[c] = component;
        }
        var p = 1 + 2 * count;
        return new JpegScanHeader(components, segment[p], segment[p + 1], segment[p + 2] >> 4, segment[p + 2] & 15);
    }
}

/// <summary>A JPEG stream is malformed; <see cref="Position"/> is the byte position in the frame's data.</summary>
internal sealed class JpegFormatException(string message, long position) : Exception(message)
{
    public long Position { get; } = position;
}
