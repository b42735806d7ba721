using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Lut;
using HipFx.Data.Dicom.Pixels;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Dicom;

/// <summary>Our decoded pixels against DCMTK's (an independent decoder) for every lossless file DCMTK can read:
/// stored values sample for sample (dcmdjpeg/dcmdrle, then dcmdump +W), and the 16-bit display rendering
/// against dcmj2pnm +on2. Skipped, with a message, when DCMTK is not installed (apt-get install dcmtk).</summary>
[Trait("Category", "Dcmtk")]
public sealed class DcmtkComparisonTests
{
    public static TheoryData<string> Lossless()
    {
        var data = new TheoryData<string>();
        foreach (var file in DicomGroundTruth.DecodableFiles())
        {
            if (!DicomGroundTruth.Get(file).IsLossy)
            {
                data.Add(file);
            }
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Lossless))]
    public void Stored_values_equal_dcmtk(string file)
    {
        Dcmtk.SkipIfAbsent();
        var truth = DicomGroundTruth.Get(file);
        var dicom = DicomReader.Read(truth.Path);
        var image = dicom.Image;
        using var temp = RepoPaths.NewTempFolder();

        var source = truth.Path;
        var decompressor = dicom.TransferSyntax.Encoding switch
        {
            PixelEncoding.Rle => "dcmdrle",
            PixelEncoding.JpegLossless => "dcmdjpeg",
            _ => null,
        };
        if (decompressor is not null)
        {
            source = temp.File("decompressed.dcm");
            Dcmtk.Run(decompressor, truth.Path, source);
        }
        var dump = Dcmtk.Run("dcmdump", "+W", temp.Path, source);
        var line = dump.Split('\n').Single(l => l.StartsWith("(7fe0,0010)", StringComparison.OrdinalIgnoreCase));
        var rawPath = line[(line.IndexOf('=') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var raw = File.ReadAllBytes(rawPath);

        var d = image.Description;
        var ours = Enumerable.Range(0, image.FrameCount).SelectMany(f => image.ReadFrame(f).Values).ToArray();
        var theirs = ToStoredValues(raw, d, decompressor is null ? d.PlanarConfiguration : 0, ours.Length);
        Assert.Equal(theirs.Length, ours.Length);
        for (var i = 0; i < ours.Length; i++)
        {
            if (ours[i] != theirs[i])
            {
                Assert.Fail($"{file}: sample {i} is {ours[i]}, DCMTK has {theirs[i]}");
            }
        }
    }

    /// <summary>DCMTK's 16-bit rendering scales differently (so values are not compared one by one), but it must
    /// agree with ours on orientation: MONOCHROME1 inverted, modality LUT applied. Pearson r above 0.999.</summary>
    [SkippableTheory]
    [MemberData(nameof(Lossless))]
    public void Gray16_rendering_agrees_with_dcmj2pnm(string file)
    {
        Dcmtk.SkipIfAbsent();
        var truth = DicomGroundTruth.Get(file);
        var image = DicomReader.Read(truth.Path).Image;
        Skip.IfNot(image.Description.IsMonochrome, "colour image: no grayscale rendering");
        using var temp = RepoPaths.NewTempFolder();
        var png = temp.File("dcmtk.png");
        Dcmtk.Run("dcmj2pnm", "+on2", truth.Path, png);
        var frame = image.ReadFrame(0);
        var ours = DisplayRenderer.ToGray16(frame, image.Description, image.ModalityLut);
        using var theirs = Image.Load<L16>(png);
        Assert.Equal(frame.Width, theirs.Width);
        Assert.Equal(frame.Height, theirs.Height);
        var theirValues = new double[ours.Length];
        theirs.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    theirValues[y * frame.Width + x] = row[x].PackedValue;
                }
            }
        });
        var r = Pearson(ours.Select(v => (double)v).ToArray(), theirValues);
        Assert.True(r > 0.999, $"{file}: our 16-bit rendering correlates with dcmj2pnm's at r = {r:F5} (inverted or wrong LUT?)");
    }

    private static double Pearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 && sbb == 0 ? 1 : sab / Math.Sqrt(saa * sbb);
    }

    private static int[] ToStoredValues(byte[] raw, PixelDescription d, int planar, int count)
    {
        var bytes = d.BitsAllocated / 8;
        var values = new int[Math.Min(count, raw.Length / bytes)];
        var mask = (1 << d.BitsStored) - 1;
        var shift = d.HighBit + 1 - d.BitsStored;
        for (var i = 0; i < values.Length; i++)
        {
            var word = bytes == 1 ? raw[i] : BitConverter.ToUInt16(raw, 2 * i);
            var v = (word >> shift) & mask;
            values[i] = d.Signed && (v & (1 << (d.BitsStored - 1))) != 0 ? v - (mask + 1) : v;
        }
        if (planar == 1 && d.SamplesPerPixel > 1)
        {
            var frameSamples = (int)d.SamplesPerFrame;
            var interleaved = new int[values.Length];
            for (var f = 0; f < values.Length / frameSamples; f++)
            {
                NativePixelDecoder_Interleave(values.AsSpan(f * frameSamples, frameSamples), interleaved.AsSpan(f * frameSamples, frameSamples), d.SamplesPerPixel);
            }
            return interleaved;
        }
        return values;
    }

    private static void NativePixelDecoder_Interleave(ReadOnlySpan<int> planar, Span<int> result, int samples)
    {
        var pixels = planar.Length / samples;
        for (var s = 0; s < samples; s++)
        {
            for (var p = 0; p < pixels; p++)
            {
                result[p * samples + s] = planar[s * pixels + p];
            }
        }
    }
}
