using System.Buffers.Binary;
using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Dicom.Codecs;

/// <summary>DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per
/// byte plane, most significant byte first, sample by sample.</summary>
internal static class RleDecoder
{
    private const string Codec = "RLE";

    public static int[] Decode(ReadOnlyMemory<byte> frameMemory, PixelDescription d, string file, int frame, long offset)
    {
        var frame8 = frameMemory.Span;
        if (frame8.Length < 64)
        {
            DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"header needs 64 bytes, the frame has {frame8.Length}");
        }
        var bytesPerSample = d.BitsAllocated / 8;
        var expectedSegments = d.SamplesPerPixel * bytesPerSample;
        var segmentCount = BinaryPrimitives.ReadUInt32LittleEndian(frame8);
        if (segmentCount != expectedSegments)
        {
            DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"header lists {segmentCount} segments, {expectedSegments} expected for {d.SamplesPerPixel} sample(s) of {d.BitsAllocated} bits");
        }
        var pixels = d.Rows * d.Columns;
        var planes = new byte[expectedSegments][];
        for (var s = 0; s < expectedSegments; s++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(frame8[(4 + 4 * s)..]);
            var end = s + 1 < expectedSegments ? BinaryPrimitives.ReadUInt32LittleEndian(frame8[(8 + 4 * s)..]) : (uint)frame8.Length;
            if (start < 64 || end > frame8.Length || end < start)
            {
                DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"segment {s} spans bytes {start}..{end}, outside the frame's 64..{frame8.Length}");
            }
            planes[s] = UnpackBits(frame8[(int)start..(int)end], pixels, file, frame, offset, s);
        }

        var values = new int[pixels * d.SamplesPerPixel];
        var normalizer = new StoredValueNormalizer(d);
        for (var sample = 0; sample < d.SamplesPerPixel; sample++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var raw = 0;
                for (var b = 0; b < bytesPerSample; b++)
                {
                    raw = (raw << 8) | planes[sample * bytesPerSample + b][p];
                }
                values[p * d.SamplesPerPixel + sample] = normalizer.Apply(raw);
            }
        }
        return values;
    }

    private static byte[] UnpackBits(ReadOnlySpan<byte> source, int length, string file, int frame, long offset, int segment)
    {
        var output = new byte[length];
        var o = 0;
        var i = 0;
        while (o < length && i < source.Length)
        {
            var n = (sbyte)source[i++];
            if (n >= 0)
            {
                var count = n + 1;
                if (i + count > source.Length || o + count > length)
                {
                    DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"segment {segment}: literal run of {count} bytes overruns the segment or the plane");
                }
                source.Slice(i, count).CopyTo(output.AsSpan(o));
                i += count;
                o += count;
            }
            else if (n != -128)
            {
                var count = 1 - n;
                if (i >= source.Length || o + count > length)
                {
                    DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"segment {segment}: repeat run of {count} bytes overruns the segment or the plane");
                }
                output.AsSpan(o, count).Fill(source[i++]);
                o += count;
            }
        }
        if (o < length)
        {
            DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"segment {segment} decodes to {o} bytes, {length} expected");
        }
        return output;
    }
}
