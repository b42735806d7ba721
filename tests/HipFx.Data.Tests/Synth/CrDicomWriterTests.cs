using System.Buffers.Binary;
using System.Text;
using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Writing;
using HipFx.Tests;

namespace HipFx.Data.Tests.Synth;

public class CrDicomWriterTests
{
    private static CrImageHeader Header(bool monochrome1 = false, int bits = 12) => new()
    {
        PatientId = "SYNA00001", PatientName = "SYNTHETIC^SYNA00001", PatientSex = "F", PatientAgeYears = 81,
        StudyDate = new DateOnly(2019, 3, 4), StudyTime = "101500",
        StudyInstanceUid = "2.25.1", SeriesInstanceUid = "2.25.2", SopInstanceUid = "2.25.12345",
        AccessionNumber = "SYN0000001", InstitutionName = "Synthetic University Hospital A", Laterality = "R",
        PixelSpacingMm = 0.25, Monochrome1 = monochrome1, BitsStored = bits, Rows = 3, Columns = 4,
        WindowCenter = 2048, WindowWidth = 4096,
    };

    private static readonly ushort[] Pixels = [0, 1, 2, 3, 100, 200, 300, 400, 4095, 4000, 3000, 2000];

    private static byte[] Write(CrImageHeader header, ushort[] pixels)
    {
        using var stream = new MemoryStream();
        CrDicomWriter.Write(stream, header, pixels);
        return stream.ToArray();
    }

    [Fact]
    public void FileStartsWithPreambleMagicAndACorrectMetaGroupLength()
    {
        var bytes = Write(Header(), Pixels);
        Assert.All(bytes.Take(128), b => Assert.Equal(0, b));
        Assert.Equal("DICM", Encoding.ASCII.GetString(bytes, 128, 4));
        // (0002,0000) UL, 4 bytes.
        Assert.Equal(0x0002, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(132)));
        Assert.Equal("UL", Encoding.ASCII.GetString(bytes, 136, 2));
        uint groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        int afterGroup = 144 + (int)groupLength;
        // The meta group ends exactly there: the next element is group 0008.
        Assert.Equal(0x0008, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(afterGroup)));
        // Pixel data are the last 24 bytes, little endian.
        Assert.Equal(4095, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 8)));
    }

    [Fact]
    public void OurReaderReadsTheHeaderAndPixels()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("x.dcm");
        CrDicomWriter.Write(path, Header(), Pixels);
        var file = DicomReader.Read(path);
        var facts = file.Facts;
        Assert.Equal("SYNA00001", facts.PatientId);
        Assert.Equal("CR", facts.Modality);
        Assert.Equal("R", facts.Laterality);
        Assert.Equal("AP", facts.ViewPosition);
        Assert.Equal("Synthetic University Hospital A", facts.InstitutionName);
        Assert.Equal((0.25, 0.25), facts.PixelSpacing);
        Assert.Equal(81, facts.AgeYears);
        var description = file.Image.Description;
        Assert.Equal(12, description.BitsStored);
        Assert.Equal(16, description.BitsAllocated);
        Assert.Equal(3, description.Rows);
        Assert.Equal(4, description.Columns);
        var frame = file.Image.ReadFrame();
        Assert.Equal(Pixels.Select(p => (int)p), frame.Values);
    }

    [Fact]
    public void ValuesAboveBitsStoredAreRefused()
    {
        var pixels = (ushort[])Pixels.Clone();
        pixels[0] = 5000;
        Assert.Throws<ArgumentException>(() => Write(Header(bits: 12), pixels));
        Write(Header(bits: 16), pixels); // fits in 16 bits
    }

    [Fact]
    public void OddLengthTextIsPaddedToEvenLength()
    {
        using var stream = new MemoryStream();
        var writer = new DicomElementWriter(stream);
        writer.Text(0x0008, 0x0018, "UI", "1.2.3");
        writer.Text(0x0008, 0x0060, "CS", "CRX");
        var bytes = stream.ToArray();
        Assert.Equal(6, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(0, bytes[8 + 5]);       // UI padded with NUL
        Assert.Equal((byte)' ', bytes[14 + 8 + 3]); // CS padded with a space
    }

    [Fact]
    public void ElementsMustAscend()
    {
        var writer = new DicomElementWriter(new MemoryStream());
        writer.Text(0x0010, 0x0020, "LO", "A");
        Assert.Throws<InvalidOperationException>(() => writer.Text(0x0008, 0x0060, "CS", "CR"));
    }

    [Fact]
    public void SyntheticUidsAreValidAndDeterministic()
    {
        var bytes = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();
        string a = SyntheticUid.From(bytes), b = SyntheticUid.From(bytes);
        Assert.Equal(a, b);
        Assert.StartsWith("2.25.", a);
        Assert.True(a.Length <= 64);
        Assert.Matches("^2\\.25\\.[1-9][0-9]*$", a);
    }

    [DcmdumpFact]
    public void DcmdumpReadsMonochrome1And2WithoutErrors()
    {
        using var temp = RepoPaths.NewTempFolder();
        foreach (var (mono1, bits) in new[] { (false, 12), (true, 16) })
        {
            string path = temp.File($"m{(mono1 ? 1 : 2)}.dcm");
            CrDicomWriter.Write(path, Header(mono1, bits), Pixels);
            var (code, output, errors) = DicomTools.RunDcmdump(path);
            Assert.True(code == 0, $"dcmdump exit {code}: {errors}");
            Assert.DoesNotContain("E:", errors);
            Assert.DoesNotContain("W:", errors);
            Assert.Contains(mono1 ? "MONOCHROME1" : "MONOCHROME2", output);
            Assert.Contains("(0028,0101) US " + bits, output);
            Assert.Contains("=ComputedRadiographyImageStorage", output);
        }
    }
}
