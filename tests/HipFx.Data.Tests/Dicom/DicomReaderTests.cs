using HipFx.Core;
using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Lut;
using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Tests.Dicom;

public sealed class DicomReaderTests
{
    private static readonly byte[] Pixels8 = [0, 10, 20, 30, 40, 50, 60, 255];

    [Fact]
    public void Reads_a_minimal_file_and_its_pixels()
    {
        var bytes = new DicomBytes().Text(0x0008, 0x0060, "CS", "DX").Text(0x0010, 0x0020, "LO", "PAT-1").Image8(Pixels8).ToPart10();
        var dicom = DicomReader.Read(bytes, "mini.dcm");
        Assert.Equal("DX", dicom.Facts.Modality);
        Assert.Equal("PAT-1", dicom.Facts.PatientId);
        Assert.Equal(Pixels8.Select(b => (int)b), dicom.Image.ReadFrame().Values);
    }

    [Fact]
    public void Private_elements_and_private_sequences_are_skipped()
    {
        var bytes = new DicomBytes()
            .Text(0x0009, 0x0010, "LO", "ACME")
            .Header(0x0009, 0x1001, "SQ", 0xFFFFFFFF)
            .Header(0xFFFE, 0xE000, "", 0xFFFFFFFF).Text(0x0009, 0x1002, "LO", "secret").Header(0xFFFE, 0xE00D, "", 0)
            .Header(0xFFFE, 0xE0DD, "", 0)
            .Text(0x0010, 0x0020, "LO", "P2")
            .Image8(Pixels8).ToPart10();
        var dicom = DicomReader.Read(bytes, "private.dcm");
        Assert.DoesNotContain(dicom.Dataset.Elements, e => e.Tag.Group == 0x0009);
        Assert.Equal("P2", dicom.Dataset.GetString(DicomTag.PatientId));
        Assert.Equal(255, dicom.Image.ReadFrame().Values[^1]);
    }

    [Fact]
    public void A_length_past_the_end_names_tag_and_offset()
    {
        var bytes = new DicomBytes().Text(0x0008, 0x0060, "CS", "CR").Header(0x0010, 0x0010, "PN", 400).Raw(1, 2, 3, 4).ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "lying.dcm"));
        Assert.Equal("lying.dcm", ex.FilePath);
        Assert.Matches(@"^tag \(0010,0010\) at offset \d+$", ex.Location!);
        Assert.Contains("value length 400 runs past the end of the data (4 bytes left)", ex.Message);
    }

    [Fact]
    public void A_huge_length_is_refused_before_any_allocation()
    {
        var bytes = new DicomBytes().Header(0x7FE0, 0x0010, "OB", 0xFFFF_FFF0).Raw(0, 0, 0, 0).ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "huge.dcm"));
        Assert.Contains("value length 4294967280 runs past the end", ex.Message);
    }

    [Fact]
    public void Huge_rows_and_columns_are_refused_by_the_frame_limit()
    {
        var bytes = new DicomBytes().Image8(Pixels8, rows: 60000, columns: 60000).ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "big.dcm").Image);
        Assert.Contains("exceeds the limit", ex.Message);
    }

    [Fact]
    public void Pixel_data_shorter_than_the_frame_is_an_error()
    {
        var bytes = new DicomBytes().Image8(Pixels8, rows: 4, columns: 4).ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "short.dcm").Image.ReadFrame());
        Assert.Contains("pixel data holds 8 bytes but frame 0 needs bytes up to 16", ex.Message);
    }

    [Fact]
    public void Sequence_nesting_is_limited()
    {
        var builder = new DicomBytes();
        for (var i = 0; i < 5; i++)
        {
            builder.Header(0x0008, 0x1115, "SQ", 0xFFFFFFFF).Header(0xFFFE, 0xE000, "", 0xFFFFFFFF);
        }
        var options = new DicomReaderOptions { MaxSequenceDepth = 3 };
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(builder.ToPart10(), "deep.dcm", options));
        Assert.Contains("nested deeper than 3", ex.Message);
    }

    [Fact]
    public void Sequence_without_delimiter_is_reported()
    {
        var bytes = new DicomBytes().Header(0x0008, 0x1115, "SQ", 0xFFFFFFFF).Header(0xFFFE, 0xE000, "", 0xFFFFFFFF)
            .Text(0x0008, 0x1150, "UI", "1.2.3").ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "open.dcm"));
        Assert.Contains("before its delimiter", ex.Message);
    }

    [Fact]
    public void Deflated_data_set_larger_than_the_limit_is_refused()
    {
        var path = DicomGroundTruth.Get("image_dfl.dcm").Path;
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path, new DicomReaderOptions { MaxInflatedBytes = 10_000 }));
        Assert.Contains("inflates to more than 10000 bytes", ex.Message);
    }

    [Fact]
    public void File_larger_than_the_limit_is_refused()
    {
        var path = DicomGroundTruth.Get("CR-MONO1-10-chest.dcm").Path;
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path, new DicomReaderOptions { MaxFileBytes = 1000 }));
        Assert.Contains("more than the limit of 1000", ex.Message);
    }

    [Fact]
    public void Frames_are_selected_and_out_of_range_frames_refused()
    {
        var image = DicomReader.Read(DicomGroundTruth.Get("emri_small.dcm").Path).Image;
        Assert.Equal(10, image.FrameCount);
        var first = image.ReadFrame(0).Values;
        var last = image.ReadFrame(9).Values;
        Assert.NotEqual(first, last);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ReadFrame(10));
    }

    [Fact]
    public void Corrupt_jpeg_lossless_stream_is_reported_with_its_frame()
    {
        var path = DicomGroundTruth.Get("IM-0001-0001-0001.dcm").Path;
        var bytes = File.ReadAllBytes(path);
        var fragment = DicomReader.Read(bytes, "x").Dataset.Find(DicomTag.PixelData)!.Fragments![1];
        var middle = (int)fragment.Offset + 8 + fragment.Data.Length / 2;
        bytes[middle] = 0xFF; // an EOI marker in the middle of the entropy-coded data
        bytes[middle + 1] = 0xD9;
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(bytes, "cut.dcm").Image.ReadFrame());
        Assert.Contains("JPEG Lossless frame 0 is corrupt", ex.Message);
    }

    [Fact]
    public void Multi_valued_window_is_selectable()
    {
        var image = DicomReader.Read(DicomGroundTruth.Get("IM-0001-0001-0001.dcm").Path).Image;
        var voi = image.VoiLut(1)!;
        Assert.Equal(60, voi.Center);
        Assert.Equal(360, voi.Width);
    }

    [Theory]
    [InlineData(VoiLutFunction.Linear, 0, 0.0)]
    [InlineData(VoiLutFunction.Linear, 100, 1.0)]
    [InlineData(VoiLutFunction.Linear, 50, 0.50505051)]
    [InlineData(VoiLutFunction.LinearExact, 50, 0.5)]
    [InlineData(VoiLutFunction.LinearExact, 25, 0.25)]
    [InlineData(VoiLutFunction.Sigmoid, 50, 0.5)]
    [InlineData(VoiLutFunction.Sigmoid, 75, 0.7310586)]
    public void Window_functions_follow_ps3_3(VoiLutFunction function, double x, double expected)
    {
        var voi = VoiLut.Window(50, 100, function);
        Assert.Equal(expected, voi.Apply(x), 6);
    }

    [Fact]
    public void Voi_lut_sequence_is_used_and_scaled()
    {
        var image = DicomReader.Read(DicomGroundTruth.Get("vlut_04.dcm").Path).Image;
        var voi = image.VoiLut()!;
        Assert.NotNull(voi.Table);
        Assert.Equal(256, voi.Table!.Count);
        var frame = image.ReadFrame();
        var gray = DisplayRenderer.ToGray8(frame, image.ModalityLut, voi, new WindowChoice.Auto());
        // vlut_04's LUT is the 16-bit identity (entry i = 257 i): scaled by its 16 bits it gives back the stored bytes.
        Assert.Equal(257, voi.Table[1]);
        Assert.Equal(frame.Values, gray.Select(g => (int)g));
    }

    [Fact]
    public void Monochrome1_is_inverted_for_display()
    {
        var image = DicomReader.Read(DicomGroundTruth.Get("CR-MONO1-10-chest.dcm").Path).Image;
        var frame = image.ReadFrame();
        Assert.Equal(PhotometricInterpretation.Monochrome1, frame.Photometric);
        var darkest = Array.IndexOf(frame.Values, frame.Values.Min());
        var brightest = Array.IndexOf(frame.Values, frame.Values.Max());
        var gray16 = DisplayRenderer.ToGray16(frame, image.Description, image.ModalityLut);
        var gray8 = DisplayRenderer.ToGray8(frame, image.ModalityLut, image.VoiLut(), new WindowChoice.None());
        Assert.True(gray16[darkest] > gray16[brightest]);
        Assert.Equal(255, gray8[darkest]);
        Assert.Equal(0, gray8[brightest]);
    }

    [Fact]
    public void Modality_lut_sequence_takes_precedence_over_rescale()
    {
        var image = DicomReader.Read(DicomGroundTruth.Get("CR-ModalitySequenceLUT.dcm").Path).Image;
        var lut = image.ModalityLut;
        Assert.NotNull(lut.Table);
        Assert.Equal(1024, lut.Table!.Count);
        Assert.Equal(lut.Table[512], lut.Apply(512));
    }

    [Fact]
    public void Image_facts_read_descriptive_tags()
    {
        var facts = DicomReader.Read(DicomGroundTruth.Get("CR-MONO1-10-chest.dcm").Path).Facts;
        Assert.Equal("CR", facts.Modality);
        Assert.Equal("CHEST", facts.BodyPartExamined);
    }
}

public sealed class DicomStrictModeTests
{
    private static readonly DicomReaderOptions Strict = new() { IntegrityHandling = DicomIntegrityHandling.Strict };

    [Fact]
    public void Odd_lengths_are_tolerated_by_default_and_refused_in_strict_mode()
    {
        var bytes = new DicomBytes().Element(0x0008, 0x0060, "CS", "CRX"u8.ToArray()).Image8([1, 2, 3, 4, 5, 6, 7, 8]).ToPart10();
        Assert.Equal("CRX", DicomReader.Read(bytes, "odd.dcm").Dataset.GetString(DicomTag.Modality));
        var ex = Assert.Throws<HipFx.Core.HipFxDataException>(() => DicomReader.Read(bytes, "odd.dcm", Strict));
        Assert.Contains("value length 3 is odd", ex.Message);
    }

    [Fact]
    public void Trailing_garbage_is_ignored_by_default_and_refused_in_strict_mode()
    {
        var bytes = new DicomBytes().Image8([1, 2, 3, 4, 5, 6, 7, 8]).Raw(0xAB, 0xCD, 0xEF).ToPart10();
        Assert.Equal(8, DicomReader.Read(bytes, "tail.dcm").Image.ReadFrame().Values[^1]);
        Assert.Throws<HipFx.Core.HipFxDataException>(() => DicomReader.Read(bytes, "tail.dcm", Strict));
    }
}
