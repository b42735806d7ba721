using HipFx.Core;
using HipFx.Data.Dicom;

namespace HipFx.Data.Tests.Dicom;

/// <summary>The five broken files of shared/data/dicom/malformed fail with messages that name the file, the tag
/// and the offset, and say what is wrong.</summary>
public sealed class MalformedFileTests
{
    private static string Malformed(string name) => Path.Combine(DicomGroundTruth.Folder, "malformed", name);

    [Fact]
    public void Truncated_pixel_data_names_tag_offset_and_lengths()
    {
        var path = Malformed("MR_truncated.dcm");
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal("tag (7FE0,0010) at offset 1488", ex.Location);
        Assert.Contains("value length 8192 runs past the end of the data (8130 bytes left)", ex.Message);
    }

    [Fact]
    public void Stray_byte_before_a_bare_data_set_is_not_dicom()
    {
        var path = Malformed("no_meta.dcm");
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("not a DICOM file", ex.Message);
        Assert.Contains("first tag (0820,0500) at offset 0", ex.Message);
    }

    [Fact]
    public void Stray_byte_removed_gives_ct_small_pixels()
    {
        // README: skipping the stray byte gives CT_small's pixels exactly: our fallback to a bare data set works.
        var bytes = File.ReadAllBytes(Malformed("no_meta.dcm"))[1..];
        var bare = DicomReader.Read(bytes, "no_meta minus one byte").Image.ReadFrame().Values;
        var reference = DicomReader.Read(DicomGroundTruth.Get("CT_small.dcm").Path).Image.ReadFrame().Values;
        Assert.Equal(reference, bare);
    }

    [Fact]
    public void Missing_transfer_syntax_is_sniffed_leniently_then_fails_as_not_an_image()
    {
        var path = Malformed("meta_missing_tsyntax.dcm");
        var dicom = DicomReader.Read(path);
        Assert.Equal(TransferSyntax.ImplicitVrLittleEndian, dicom.TransferSyntax);
        Assert.True(dicom.Dataset.Contains(DicomTag.PixelData));
        Assert.DoesNotContain(dicom.Dataset.Elements, e => e.Tag.IsPrivate); // the private sequences were skipped
        var ex = Assert.Throws<HipFxDataException>(() => dicom.Image);
        Assert.Equal("(0028,0010)", ex.Location);
        Assert.Contains("not an image: required attribute (0028,0010) Rows is missing", ex.Message);
    }

    [Fact]
    public void Missing_transfer_syntax_is_an_error_in_strict_mode()
    {
        var path = Malformed("meta_missing_tsyntax.dcm");
        var strict = new DicomReaderOptions { IntegrityHandling = DicomIntegrityHandling.Strict };
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path, strict));
        Assert.Contains("file meta has no (0002,0010) TransferSyntaxUID", ex.Message);
    }

    [Fact]
    public void Encapsulated_stream_without_delimiter_is_truncated()
    {
        var path = Malformed("emri_small_jpeg_2k_lossless_too_short.dcm");
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(path));
        Assert.StartsWith("tag (7FE0,0010) at offset ", ex.Location);
        Assert.Contains("end of data reached inside encapsulated pixel data", ex.Message);
        Assert.Contains("before its delimiter", ex.Message);
    }

    [Fact]
    public void Jpeg2000_with_embedded_delimiter_is_an_unsupported_syntax()
    {
        var path = Malformed("JPEG2000-embedded-sequence-delimiter.dcm");
        var dicom = DicomReader.Read(path); // its structure is valid
        var ex = Assert.Throws<HipFxDataException>(() => dicom.Image.ReadFrame());
        Assert.Contains("unsupported transfer syntax 1.2.840.10008.1.2.4.91 (JPEG 2000 Image Compression)", ex.Message);
    }
}
