using HipFx.Core;
using HipFx.Data.Dicom;

namespace HipFx.Data.Tests.Dicom;

/// <summary>Every decodable file of shared/data/dicom decodes to the reference statistics: exact min/max and mean
/// within 1e-3 for lossless data, README tolerances for lossy JPEG.</summary>
public sealed class GroundTruthTests
{
    public static TheoryData<string> Decodable => DicomGroundTruth.DecodableFiles();

    public static TheoryData<string> Unsupported => DicomGroundTruth.UnsupportedFiles();

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Stored_values_match_reference(string file)
    {
        var truth = DicomGroundTruth.Get(file);
        var image = DicomReader.Read(truth.Path).Image;
        var values = Enumerable.Range(0, image.FrameCount).SelectMany(f => image.ReadFrame(f).Values).Select(v => (double)v);
        AssertMatches(truth, truth.Stored!.Value, PixelStats.Of(values));
    }

    [Theory]
    [MemberData(nameof(Decodable))]
    public void Modality_values_match_reference(string file)
    {
        var truth = DicomGroundTruth.Get(file);
        if (truth.Modality is not { } expected)
        {
            return; // colour: no modality LUT in the reference either
        }
        var image = DicomReader.Read(truth.Path).Image;
        var lut = image.ModalityLut;
        var values = Enumerable.Range(0, image.FrameCount).SelectMany(f => lut.Apply(image.ReadFrame(f).Values));
        AssertMatches(truth, expected, PixelStats.Of(values));
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_transfer_syntax_is_named(string file)
    {
        var truth = DicomGroundTruth.Get(file);
        var dicom = DicomReader.Read(truth.Path);
        var ex = Assert.Throws<HipFxDataException>(() => dicom.Image.ReadFrame(0));
        Assert.Contains($"unsupported transfer syntax {truth.TransferSyntax} (", ex.Message);
        Assert.Contains(dicom.TransferSyntax.Name, ex.Message);
        Assert.Equal(truth.Path, ex.FilePath);
    }

    private static void AssertMatches(DicomGroundTruth truth, PixelStats expected, PixelStats actual)
    {
        if (truth.IsLossy)
        {
            // README: lossy JPEG decoders differ slightly (GDCM 127.88 vs DCMTK 127.7333 on SC_rgb_jpeg_dcmtk).
            var range = expected.Max - expected.Min;
            Assert.InRange(actual.Mean, expected.Mean - 0.01 * range, expected.Mean + 0.01 * range);
            Assert.InRange(actual.Min, expected.Min - 0.03 * range, expected.Min + 0.03 * range);
            Assert.InRange(actual.Max, expected.Max - 0.03 * range, expected.Max + 0.03 * range);
            return;
        }
        Assert.Equal(expected.Min, actual.Min, 3);
        Assert.Equal(expected.Max, actual.Max, 3);
        Assert.InRange(actual.Mean, expected.Mean - 1e-3, expected.Mean + 1e-3);
    }
}
