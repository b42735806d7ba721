using System.Runtime.CompilerServices;

namespace HipFx.Data.Dicom.Codecs.Jpeg;

/// <summary>Reads entropy-coded bits MSB first, removing stuffed zero bytes. At a marker it stops consuming
/// and feeds zero bits, counting them so a decoder can tell a stream that ran out.</summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> data;
    private ulong buffer;
    private int bits;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        Position = position;
    }

    /// <summary>Byte position of the next unread byte.</summary>
    public int Position { get; private set; }

    /// <summary>Zero bits fed past a marker or the end of data: more than a few means the stream is truncated.</summary>
    public int PaddingBits { get; private set; }

    /// <summary>At least this many zero bits past the end were consumed as if they were data.</summary>
    public int ConsumedPaddingBits => Math.Max(0, PaddingBits - bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill()
    {
        while (bits <= 56)
        {
            int b;
            if (Position < data.Length && (b = data[Position]) != 0xFF)
            {
                Position++;
            }
            else if (Position + 1 < data.Length && data[Position + 1] == 0x00)
            {
                b = 0xFF;
                Position += 2;
            }
            else
            {
                b = 0; // marker or end of data: do not consume
                PaddingBits += 8;
            }
            buffer |= (ulong)b << (56 - bits);
            bits += 8;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Peek(int count)
    {
        if (bits < count)
        {
            Fill();
        }
        return (int)(buffer >> (64 - count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        buffer <<= count;
        bits -= count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read(int count)
    {
        if (count == 0)
        {
            return 0;
        }
        var value = Peek(count);
        Skip(count);
        return value;
    }

    /// <summary>Decodes one Huffman symbol; -1 for a code not in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(JpegHuffmanTable table)
    {
        var entry = table.Lookup(Peek(JpegHuffmanTable.LookupBits));
        if (entry != 0)
        {
            Skip(entry >> 8);
            return entry & 0xFF;
        }
        var symbol = table.DecodeLong(Peek(16), out var length);
        Skip(Math.Min(length, 16));
        return symbol;
    }

    /// <summary>Reads <paramref name="size"/> bits and extends them to a signed difference (T.81 F.2.2.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int size)
    {
        if (size == 0)
        {
            return 0;
        }
        var value = Read(size);
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
    }

    /// <summary>Discards the remaining bits of the current byte and expects an RSTn marker; returns false if absent.</summary>
    public bool Restart()
    {
        // Filling stops at a marker, so every byte before it belongs to the finished interval.
        buffer = 0;
        bits = 0;
        PaddingBits = 0;
        while (Position + 1 < data.Length && !(data[Position] == 0xFF && data[Position + 1] is >= 0xD0 and <= 0xD7))
        {
            Position++;
        }
        if (Position + 1 >= data.Length)
        {
            return false;
        }
        Position += 2;
        return true;
    }
}
