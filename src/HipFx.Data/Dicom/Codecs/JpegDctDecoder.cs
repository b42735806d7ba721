using HipFx.Data.Dicom.Codecs.Jpeg;
using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Dicom.Codecs;

/// <summary>JPEG baseline (process 1, 8-bit) and extended (processes 2 and 4, 8 or 12-bit) sequential DCT with
/// Huffman coding (T.81 Annex F), any sampling factors, interleaved or one scan per component.
/// Three-component YCbCr output is converted to RGB, as DCMTK and GDCM do.</summary>
internal static class JpegDctDecoder
{
    private const string Codec = "JPEG";

    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private static readonly double[,] Cosines = BuildCosines();

    public static (int[] Values, PhotometricInterpretation Photometric) Decode(ReadOnlyMemory<byte> frameData, PixelDescription d, string file, int frame, long offset)
    {
        try
        {
            return DecodeCore(frameData, d);
        }
        catch (JpegFormatException ex)
        {
            DicomThrowHelper.ThrowCodec(file, Codec, frame, offset, $"{ex.Message} (at byte {ex.Position} of the frame)");
            return default;
        }
    }

    private static (int[], PhotometricInterpretation) DecodeCore(ReadOnlyMemory<byte> frameData, PixelDescription d)
    {
        var stream = new JpegStream(frameData);
        Plane[]? planes = null;
        stream.Run((scan, position) =>
        {
            var header = stream.Frame!;
            if (header.Marker is not (0xC0 or 0xC1))
            {
                throw new JpegFormatException($"frame marker FF{header.Marker:X2} is not sequential Huffman DCT (FFC0/FFC1); progressive and arithmetic JPEG are not supported", 0);
            }
            if (header.Precision is not (8 or 12))
            {
                throw new JpegFormatException($"precision {header.Precision} is not 8 or 12", 0);
            }
            if (header.SamplesPerLine != d.Columns || header.Lines != d.Rows || header.Components.Length != d.SamplesPerPixel)
            {
                throw new JpegFormatException(
                    $"JPEG frame is {header.SamplesPerLine} x {header.Lines} x {header.Components.Length} but the data set says {d.Columns} x {d.Rows} x {d.SamplesPerPixel}", 0);
            }
            planes ??= header.Components.Select(c => new Plane(header, c)).ToArray();
            return DecodeScan(stream, header, scan, position, planes);
        });
        if (planes is null)
        {
            throw new JpegFormatException("no scan decoded", 0);
        }
        var result = Assemble(stream.Frame!, planes);
        var photometric = d.Photometric;
        if (planes.Length == 3 && photometric is PhotometricInterpretation.YbrFull or PhotometricInterpretation.YbrFull422)
        {
            YcbcrToRgb(result, stream.Frame!.Precision);
            photometric = PhotometricInterpretation.Rgb;
        }
        return (result, photometric);
    }

    private sealed class Plane
    {
        public Plane(JpegFrameHeader header, JpegComponent component)
        {
            Component = component;
            Width = (header.SamplesPerLine * component.H + header.MaxH - 1) / header.MaxH;
            Height = (header.Lines * component.V + header.MaxV - 1) / header.MaxV;
            var mcusX = (header.SamplesPerLine + 8 * header.MaxH - 1) / (8 * header.MaxH);
            var mcusY = (header.Lines + 8 * header.MaxV - 1) / (8 * header.MaxV);
            BlocksPerLine = mcusX * component.H;
            BlocksPerColumn = mcusY * component.V;
            Stride = BlocksPerLine * 8;
            Samples = new int[Stride * BlocksPerColumn * 8];
        }

        public JpegComponent Component { get; }

        public int Width { get; }

        public int Height { get; }

        public int BlocksPerLine { get; }

        public int BlocksPerColumn { get; }

        public int Stride { get; }

        public int[] Samples { get; }

        public int DcPrediction { get; set; }
    }

    private static int DecodeScan(JpegStream stream, JpegFrameHeader header, JpegScanHeader scan, int position, Plane[] planes)
    {
        var scanPlanes = scan.Components.Select(c => planes[Array.IndexOf(header.Components, c)]).ToArray();
        foreach (var plane in scanPlanes)
        {
            var c = plane.Component;
            if (stream.DcTables[c.DcTable] is null || stream.AcTables[c.AcTable] is null || stream.QuantTables[c.QuantTable] is null)
            {
                throw new JpegFormatException($"component {c.Id} uses a Huffman or quantization table that was never defined", position);
            }
            plane.DcPrediction = 0;
        }
        var reader = new JpegBitReader(stream.Data, position);
        Span<int> coefficients = stackalloc int[64];
        Span<double> block = stackalloc double[64];
        var restartInterval = stream.RestartInterval;
        var mcu = 0;
        var level = 1 << (header.Precision - 1);
        var maxValue = (1 << header.Precision) - 1;

        void Restart(ref JpegBitReader r)
        {
            if (!r.Restart())
            {
                throw new JpegFormatException("expected a restart marker", r.Position);
            }
            foreach (var plane in scanPlanes)
            {
                plane.DcPrediction = 0;
            }
        }

        if (scanPlanes.Length == 1)
        {
            // Non-interleaved: one block per MCU, covering only the component's own extent.
            var plane = scanPlanes[0];
            var blocksX = (plane.Width + 7) / 8;
            var blocksY = (plane.Height + 7) / 8;
            for (var by = 0; by < blocksY; by++)
            {
                for (var bx = 0; bx < blocksX; bx++)
                {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                    {
                        Restart(ref reader);
                    }
                    DecodeBlock(ref reader, stream, plane, coefficients, block, bx, by, level, maxValue);
                    mcu++;
                }
            }
        }
        else
        {
            var mcusX = (header.SamplesPerLine + 8 * header.MaxH - 1) / (8 * header.MaxH);
            var mcusY = (header.Lines + 8 * header.MaxV - 1) / (8 * header.MaxV);
            for (var my = 0; my < mcusY; my++)
            {
                for (var mx = 0; mx < mcusX; mx++)
                {
                    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                    {
                        Restart(ref reader);
                    }
                    foreach (var plane in scanPlanes)
                    {
                        var c = plane.Component;
                        for (var v = 0; v < c.V; v++)
                        {
                            for (var h = 0; h < c.H; h++)
                            {
                                DecodeBlock(ref reader, stream, plane, coefficients, block, mx * c.H + h, my * c.V + v, level, maxValue);
                            }
                        }
                    }
                    mcu++;
                }
            }
        }
        if (reader.ConsumedPaddingBits > 16)
        {
            throw new JpegFormatException($"entropy-coded data ran out ({reader.ConsumedPaddingBits} bits short): the stream is truncated", reader.Position);
        }
        return reader.Position;
    }

    private static void DecodeBlock(ref JpegBitReader reader, JpegStream stream, Plane plane, scoped Span<int> coefficients, scoped Span<double> block,
        int bx, int by, int level, int maxValue)
    {
        var c = plane.Component;
        var quant = stream.QuantTables[c.QuantTable]!;
        var dcTable = stream.DcTables[c.DcTable]!;
        var acTable = stream.AcTables[c.AcTable]!;
        coefficients.Clear();
        var size = reader.Decode(dcTable);
        if ((uint)size > 15)
        {
            throw new JpegFormatException("invalid DC Huffman code", reader.Position);
        }
        plane.DcPrediction += reader.ReceiveExtend(size);
        coefficients[0] = plane.DcPrediction * quant[0];
        for (var k = 1; k < 64;)
        {
            var rs = reader.Decode(acTable);
            if (rs < 0)
            {
                throw new JpegFormatException("invalid AC Huffman code", reader.Position);
            }
            var run = rs >> 4;
            var s = rs & 15;
            if (s == 0)
            {
                if (run != 15)
                {
                    break;
                }
                k += 16;
                continue;
            }
            k += run;
            if (k > 63)
            {
                throw new JpegFormatException("AC coefficient index past 63", reader.Position);
            }
            coefficients[ZigZag[k]] = reader.ReceiveExtend(s) * quant[k];
            k++;
        }
        InverseDct(coefficients, block);
        if (bx >= plane.BlocksPerLine || by >= plane.BlocksPerColumn)
        {
            return;
        }
        var origin = by * 8 * plane.Stride + bx * 8;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                var value = (int)Math.Round(block[y * 8 + x]) + level;
                plane.Samples[origin + y * plane.Stride + x] = Math.Clamp(value, 0, maxValue);
            }
        }
    }

    /// <summary>Separable 8x8 inverse DCT (T.81 A.3.3) in double precision.</summary>
    private static void InverseDct(ReadOnlySpan<int> input, Span<double> output)
    {
        Span<double> temp = stackalloc double[64];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                double sum = 0;
                for (var u = 0; u < 8; u++)
                {
                    sum += Cosines[x, u] * input[y * 8 + u];
                }
                temp[y * 8 + x] = sum;
            }
        }
        for (var x = 0; x < 8; x++)
        {
            for (var y = 0; y < 8; y++)
            {
                double sum = 0;
                for (var v = 0; v < 8; v++)
                {
                    sum += Cosines[y, v] * temp[v * 8 + x];
                }
                output[y * 8 + x] = sum / 4;
            }
        }
    }

    private static double[,] BuildCosines()
    {
        var table = new double[8, 8];
        for (var x = 0; x < 8; x++)
        {
            for (var u = 0; u < 8; u++)
            {
                table[x, u] = (u == 0 ? 1 / Math.Sqrt(2) : 1) * Math.Cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
        return table;
    }

    /// <summary>Interleaves the component planes at full resolution (triangle-filtered for 2x subsampled chroma,
    /// nearest otherwise).</summary>
    private static int[] Assemble(JpegFrameHeader header, Plane[] planes)
    {
        var width = header.SamplesPerLine;
        var height = header.Lines;
        var count = planes.Length;
        var result = new int[width * height * count];
        for (var c = 0; c < count; c++)
        {
            var plane = planes[c];
            var sx = header.MaxH / plane.Component.H;
            var sy = header.MaxV / plane.Component.V;
            for (var y = 0; y < height; y++)
            {
                var row = (y / sy) * plane.Stride;
                for (var x = 0; x < width; x++)
                {
                    result[(y * width + x) * count + c] = plane.Samples[row + x / sx];
                }
            }
        }
        return result;
    }

    private static void YcbcrToRgb(int[] values, int precision)
    {
        var max = (1 << precision) - 1;
        var half = 1 << (precision - 1);
        for (var i = 0; i < values.Length; i += 3)
        {
            double y = values[i];
            double cb = values[i + 1] - half;
            double cr = values[i + 2] - half;
            values[i] = Math.Clamp((int)Math.Round(y + 1.402 * cr), 0, max);
            values[i + 1] = Math.Clamp((int)Math.Round(y - 0.344136 * cb - 0.714136 * cr), 0, max);
            values[i + 2] = Math.Clamp((int)Math.Round(y + 1.772 * cb), 0, max);
        }
    }
}
