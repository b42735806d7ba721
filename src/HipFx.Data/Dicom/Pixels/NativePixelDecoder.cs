using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HipFx.Data.Dicom.Pixels;

/// <summary>Decodes uncompressed frames (8, 16 or 32 bits allocated, either byte order, planar or interleaved).</summary>
internal static class NativePixelDecoder
{
    public static int[] Decode(ReadOnlySpan<byte> frame, PixelDescription description, bool bigEndian)
    {
        var count = (int)description.SamplesPerFrame;
        var values = GC.AllocateUninitializedArray<int>(count);
        var normalizer = new StoredValueNormalizer(description);
        switch (description.BitsAllocated)
        {
            case 8:
                for (var i = 0; i < count; i++)
                {
                    values[i] = normalizer.Apply(frame[i]);
                }
                break;
            case 16 when !bigEndian && BitConverter.IsLittleEndian:
                var words = MemoryMarshal.Cast<byte, ushort>(frame[..(count * 2)]);
                if (normalizer.IsIdentityFor16 && description.Signed)
                {
                    var signedWords = MemoryMarshal.Cast<ushort, short>(words);
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = signedWords[i];
                    }
                }
                else if (normalizer.IsIdentityFor16)
                {
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = words[i];
                    }
                }
                else if (!description.Signed && description.HighBit == description.BitsStored - 1)
                {
                    WidenMasked(words, values, (1 << description.BitsStored) - 1);
                }
                else
                {
                    for (var i = 0; i < count; i++)
                    {
                        values[i] = normalizer.Apply(words[i]);
                    }
                }
                break;
            case 16:
                for (var i = 0; i < count; i++)
                {
                    var word = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(frame[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(frame[(2 * i)..]);
                    values[i] = normalizer.Apply(word);
                }
                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    var word = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(frame[(4 * i)..]) : BinaryPrimitives.ReadInt32LittleEndian(frame[(4 * i)..]);
                    values[i] = normalizer.Apply(word);
                }
                break;
        }
        return description.PlanarConfiguration == 1 && description.SamplesPerPixel > 1
            ? Interleave(values, description.SamplesPerPixel)
            : values;
    }

    /// <summary>values[i] = words[i] &amp; mask, a vector at a time.</summary>
    private static void WidenMasked(ReadOnlySpan<ushort> words, Span<int> values, int mask)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var size = System.Numerics.Vector<ushort>.Count;
            var half = size / 2;
            var maskVector = new System.Numerics.Vector<uint>((uint)mask);
            for (; i <= words.Length - size; i += size)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<ushort>(words[i..]), out var low, out var high);
                System.Numerics.Vector.AsVectorInt32(low & maskVector).CopyTo(values[i..]);
                System.Numerics.Vector.AsVectorInt32(high & maskVector).CopyTo(values[(i + half)..]);
            }
        }
        for (; i < words.Length; i++)
        {
            values[i] = words[i] & mask;
        }
    }

    /// <summary>RRR..GGG..BBB.. to RGBRGB...</summary>
    public static int[] Interleave(int[] planar, int samples)
    {
        var pixels = planar.Length / samples;
        var result = new int[planar.Length];
        for (var s = 0; s < samples; s++)
        {
            for (var p = 0; p < pixels; p++)
            {
                result[p * samples + s] = planar[s * pixels + p];
            }
        }
        return result;
    }
}
