using System.Runtime.CompilerServices;
using HipFx.Data.Dicom.Codecs.Jpeg;
using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Dicom.Codecs;

/// <summary>JPEG lossless (T.81 process 14, Annex H): Huffman-coded differences from one of seven predictors
/// (selection value 1, "left neighbour", is the common DICOM 1.2.840.10008.1.2.4.70 case), with point transform.
/// Components are decoded from interleaved or separate scans; each must be sampled 1x1.</summary>
internal static class JpegLosslessDecoder
{
    private const string Codec = "JPEG Lossless";

    public static int[] Decode(ReadOnlyMemory<byte> frameData, PixelDescription d, string file, int frame, long offset)
    {
        try
        {
            return DecodeCore(frameData, d);
        }
        catch (JpegFormatException ex)
        {
            DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"{ex.Message} (at byte {ex.Position} of the frame)");
            return [];
        }
    }

    private static int[] DecodeCore(ReadOnlyMemory<byte> frameData, PixelDescription d)
    {
        var stream = new JpegStream(frameData);
        int[]? values = null;
        JpegFrameHeader? header = null;
        stream.Run((scan, position) =>
        {
            header = stream.Frame!;
            if (header.Marker != 0xC3)
            {
                throw new JpegFormatException($"frame marker is FF{header.Marker:X2}, not FFC3 (lossless, Huffman)", 0);
            }
            Check(header, d);
            values ??= new int[header.Lines * header.SamplesPerLine * header.Components.Length];
            return DecodeScan(stream, header, scan, position, values);
        });
        if (values is null || header is null)
        {
            throw new JpegFormatException("no scan decoded", 0);
        }
        var normalizer = new StoredValueNormalizer(d with { HighBit = d.BitsStored - 1 });
        if (d.BitsStored < 16 || d.Signed)
        {
            normalizer.ApplyInPlace(values);
        }
        return values;
    }

    private static void Check(JpegFrameHeader header, PixelDescription d)
    {
        if (header.SamplesPerLine != d.Columns || header.Lines != d.Rows || header.Components.Length != d.SamplesPerPixel)
        {
            throw new JpegFormatException(
                $"JPEG frame is {header.SamplesPerLine} x {header.Lines} x {header.Components.Length} but the data set says {d.Columns} x {d.Rows} x {d.SamplesPerPixel}", 0);
        }
        if (header.Precision is < 2 or > 16)
        {
            throw new JpegFormatException($"precision {header.Precision} is outside 2..16", 0);
        }
        if (header.Components.Any(c => c.H != 1 || c.V != 1))
        {
            throw new JpegFormatException("subsampled components are not supported in lossless JPEG", 0);
        }
    }

    private static int DecodeScan(JpegStream stream, JpegFrameHeader header, JpegScanHeader scan, int position, int[] values)
    {
        var predictor = scan.Ss;
        var pointTransform = scan.Al;
        if (predictor is < 1 or > 7)
        {
            throw new JpegFormatException($"predictor (selection value) {predictor} is outside 1..7", position);
        }
        var tables = new JpegHuffmanTable[scan.Components.Length];
        var index = new int[scan.Components.Length];
        for (var c = 0; c < scan.Components.Length; c++)
        {
            tables[c] = stream.DcTables[scan.Components[c].DcTable]
                ?? throw new JpegFormatException($"scan uses Huffman table {scan.Components[c].DcTable}, never defined", position);
            index[c] = Array.IndexOf(header.Components, scan.Components[c]);
        }
        var width = header.SamplesPerLine;
        var height = header.Lines;
        var stride = header.Components.Length;
        var initial = 1 << (header.Precision - pointTransform - 1);
        var restartInterval = stream.RestartInterval;
        var reader = new JpegBitReader(stream.Data, position);
        var sinceRestart = 0;
        var firstLine = true; // the line after the start or a restart predicts from the left only

        if (scan.Components.Length == 1 && restartInterval == 0)
        {
            return DecodeSingle(ref reader, tables[0], values, index[0], stride, width, height, predictor, pointTransform, initial);
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0 && sinceRestart == restartInterval)
                {
                    if (!reader.Restart())
                    {
                        throw new JpegFormatException("expected a restart marker", reader.Position);
                    }
                    sinceRestart = 0;
                    firstLine = true;
                }
                var restartStart = restartInterval > 0 && sinceRestart == 0;
                for (var c = 0; c < tables.Length; c++)
                {
                    var at = (y * width + x) * stride + index[c];
                    int prediction;
                    if (restartStart)
                    {
                        prediction = initial;
                    }
                    else if (firstLine || y == 0)
                    {
                        prediction = x == 0 ? (y == 0 ? initial : values[at - width * stride] >> pointTransform) : values[at - stride] >> pointTransform;
                    }
                    else if (x == 0)
                    {
                        prediction = values[at - width * stride] >> pointTransform;
                    }
                    else
                    {
                        prediction = Predict(predictor, values[at - stride] >> pointTransform, values[at - width * stride] >> pointTransform,
                            values[at - width * stride - stride] >> pointTransform);
                    }
                    var difference = ReadDifference(ref reader, tables[c]);
                    values[at] = ((prediction + difference) & 0xFFFF) << pointTransform;
                }
                sinceRestart++;
                if (x == width - 1 && !restartStart)
                {
                    firstLine = false;
                }
            }
        }
        CheckPadding(ref reader);
        return reader.Position;
    }

    /// <summary>The common case (one component, no restarts) with the branches hoisted out of the pixel loop.</summary>
    private static int DecodeSingle(ref JpegBitReader reader, JpegHuffmanTable table, int[] values, int component, int stride,
        int width, int height, int predictor, int pt, int initial)
    {
        if (stride != 1 || component != 0)
        {
            throw new JpegFormatException("single-scan fast path needs one component", reader.Position);
        }
        // First line: left neighbour.
        var previous = initial;
        for (var x = 0; x < width; x++)
        {
            previous = (previous + ReadDifference(ref reader, table)) & 0xFFFF;
            values[x] = previous << pt;
        }
        for (var y = 1; y < height; y++)
        {
            var row = y * width;
            var above = row - width;
            var left = ((values[above] >> pt) + ReadDifference(ref reader, table)) & 0xFFFF;
            values[row] = left << pt;
            if (predictor == 1)
            {
                for (var x = 1; x < width; x++)
                {
                    left = (left + ReadDifference(ref reader, table)) & 0xFFFF;
                    values[row + x] = left << pt;
                }
            }
            else
            {
                for (var x = 1; x < width; x++)
                {
                    var p = Predict(predictor, left, values[above + x] >> pt, values[above + x - 1] >> pt);
                    left = (p + ReadDifference(ref reader, table)) & 0xFFFF;
                    values[row + x] = left << pt;
                }
            }
        }
        CheckPadding(ref reader);
        return reader.Position;
    }

    private static void CheckPadding(ref JpegBitReader reader)
    {
        if (reader.ConsumedPaddingBits > 16)
        {
            throw new JpegFormatException($"entropy-coded data ran out ({reader.ConsumedPaddingBits} bits short): the stream is truncated", reader.Position);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDifference(ref JpegBitReader reader, JpegHuffmanTable table)
    {
        var size = reader.Decode(table);
        if ((uint)size > 16)
        {
            throw new JpegFormatException("invalid Huffman code", reader.Position);
        }
        return size == 16 ? 32768 : reader.ReceiveExtend(size);
    }

    private static int Predict(int selection, int a, int b, int c) => selection switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };
}
