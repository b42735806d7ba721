using System.Runtime.CompilerServices;

namespace HipFx.Data.Dicom.Codecs.Jpeg;

/// <summary>A Huffman table from a DHT segment (ITU T.81 Annex C), with a 9-bit lookup for short codes and the
/// canonical max-code tables for the rest.</summary>
internal sealed class JpegHuffmanTable
{
    public const int LookupBits = 9;

    // Lookup: (length << 8) | symbol for codes of at most LookupBits bits; 0 when longer.
    private readonly ushort[] lookup = new ushort[1 << LookupBits];
    private readonly int[] maxCode = new int[18];
    private readonly int[] valueOffset = new int[17];
    private readonly byte[] symbols;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        this.symbols = symbols.ToArray();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            valueOffset[length] = k - code;
            var count = counts[length - 1];
            for (var i = 0; i < count; i++, k++, code++)
            {
                if (length <= LookupBits)
                {
                    var shift = LookupBits - length;
                    for (var fill = 0; fill < 1 << shift; fill++)
                    {
                        lookup[(code << shift) | fill] = (ushort)((length << 8) | symbols[k]);
                    }
                }
            }
            maxCode[length] = count > 0 ? code - 1 : -1;
            code <<= 1;
        }
        maxCode[17] = int.MaxValue;
    }

    /// <summary>Lookup entry for the next <see cref="LookupBits"/> bits: (length &lt;&lt; 8) | symbol, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(int peek) => lookup[peek];

    /// <summary>Slow path: the symbol for a code longer than the lookup, given the next 16 bits; -1 if none.</summary>
    public int DecodeLong(int next16, out int length)
    {
        for (length = LookupBits + 1; length <= 16; length++)
        {
            var code = next16 >> (16 - length);
            if (code <= maxCode[length])
            {
                var index = valueOffset[length] + code;
                return (uint)index < (uint)symbols.Length ? symbols[index] : -1;
            }
        }
        return -1;
    }
}
