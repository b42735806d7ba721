using System.Diagnostics;
using HipFx.Core;
using HipFx.Data.Dicom;
using HipFx.Data.Files;
using HipFx.Data.Manifests;
using HipFx.Data.Tests.Dicom;
using HipFx.Data.Voc;
using HipFx.Tests;

namespace HipFx.Data.Tests.Hostile;

/// <summary>Issue 17's single cases, each one a problem a hostile user found: refused with the file named,
/// never a hang, a crash or a silent acceptance.</summary>
public sealed class HostileInputTests
{
    private static readonly byte[] Pixels8 = [0, 10, 20, 30, 40, 50, 60, 255];

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void A_symlink_to_dev_zero_and_a_fifo_are_refused_not_read()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.CreateSymbolicLink(temp.File("z.dcm"), "/dev/zero");
        MakeFifo(temp.File("x.dcm"));
        var zero = Assert.Throws<HipFxDataException>(() => DicomReader.Read(temp.File("z.dcm")));
        Assert.Contains("character device", zero.Message);
        Assert.Contains("z.dcm", zero.Message);
        var fifo = Assert.Throws<HipFxDataException>(() => VocReader.Read(temp.File("x.dcm")));
        Assert.Contains("FIFO", fifo.Message);
        Assert.Contains("named pipe", InputFile.WhyNotReadable(temp.File("x.dcm")));
        Assert.Contains("NUL", InputFile.WhyNotReadable("a\0b.png"));
    }

    [Fact]
    public void Pixel_data_longer_or_shorter_than_the_header_says_is_an_error()
    {
        // 8 bytes of pixels, the header says 1 x 4: Rows contradicts the data.
        var rows = new DicomBytes().Image8(Pixels8, rows: 1, columns: 4).ToPart10();
        var ex = Assert.Throws<HipFxDataException>(() => DicomReader.Read(rows, "rows1.dcm").Image);
        Assert.Contains("rows1.dcm", ex.Message);
        Assert.Contains("holds 8 bytes but the header describes 4", ex.Message);
        var frames = new DicomBytes().UShort(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2").Text(0x0028, 0x0008, "IS", "65535 ")
            .UShort(0x0028, 0x0010, 2).UShort(0x0028, 0x0011, 4)
            .UShort(0x0028, 0x0100, 8).UShort(0x0028, 0x0101, 8).UShort(0x0028, 0x0102, 7).UShort(0x0028, 0x0103, 0)
            .Element(0x7FE0, 0x0010, "OB", Pixels8).ToPart10();
        var many = Assert.Throws<HipFxDataException>(() => DicomReader.Read(frames, "frames.dcm").Image);
        Assert.Contains("NumberOfFrames 65535", many.Message);
        Assert.Equal(2, DicomReader.Read(new DicomBytes().Image8(Pixels8).ToPart10(), "ok.dcm").Image.Description.Rows);
    }

    [Theory]
    [InlineData("<bndbox><xmin>10</xmin><xmin>200</xmin><ymin>1</ymin><xmax>50</xmax><ymax>50</ymax></bndbox>", "<xmin>")]
    [InlineData("<bndbox><xmin>10</xmin><ymin>1</ymin><xmax>50</xmax><ymax>50</ymax></bndbox><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox>", "<bndbox>")]
    [InlineData("<name>DF</name><bndbox><xmin>10</xmin><ymin>1</ymin><xmax>50</xmax><ymax>50</ymax></bndbox>", "<name>")]
    public void A_repeated_element_in_a_VOC_object_is_an_error(string body, string element)
    {
        string xml = $"<annotation><filename>a.png</filename><size><width>100</width><height>100</height></size><object><name>DF</name>{body}</object></annotation>";
        var ex = Assert.Throws<HipFxDataException>(() => VocReader.Parse(xml, "a.xml"));
        Assert.Contains($"more than one {element}", ex.Message);
        Assert.Contains("a.xml", ex.Message);
    }

    [Fact]
    public void A_second_size_a_deep_document_and_a_huge_name_are_refused_quickly()
    {
        const string size = "<size><width>100</width><height>100</height></size>";
        Assert.Contains("more than one <size>", Assert.Throws<HipFxDataException>(() =>
            VocReader.Parse($"<annotation><filename>a</filename>{size}{size}</annotation>", "s.xml")).Message);
        int n = 100_000;
        string deep = "<annotation>" + string.Concat(Enumerable.Repeat("<x>", n)) + string.Concat(Enumerable.Repeat("</x>", n)) + "</annotation>";
        Assert.Contains("deeper than 64", Assert.Throws<HipFxDataException>(() => VocReader.Parse(deep, "d.xml")).Message);
        string name = new('A', 1_000_000);
        var ex = Assert.Throws<HipFxDataException>(() => VocReader.Parse(
            $"<annotation><filename>a</filename>{size}<object><name>{name}</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation>", "n.xml"));
        Assert.True(ex.Message.Length < 400, ex.Message.Length.ToString());
    }

    [Theory]
    [InlineData("../secret.png", "leaves the manifest's folder")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("a\u0000.png", "NUL")]
    [InlineData("images/../../x.png", "leaves the manifest's folder")]
    public void Manifest_paths_must_stay_inside_its_folder(string imagePath, string expected)
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("m.csv"), $"image_id,patient_id,institution,image_path,annotation_path,label,split\na,p,h,\"{imagePath}\",,no_fracture,\n");
        var ex = Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("m.csv")));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("line 2", ex.Message);
        Assert.False(ex.Message.Contains('\0', StringComparison.Ordinal), ex.Message);
        if (!imagePath.Contains('\0'))
        {
            var allowed = ManifestReader.Read(temp.File("m.csv"), new ManifestReadOptions { AllowOutsidePaths = true });
            Assert.True(Path.IsPathRooted(allowed.ImageFile(allowed.Rows[0])));
        }
    }

    [Fact]
    public void Paths_inside_the_folder_pass_and_resolve_inside_it()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("m.csv"), "image_id,patient_id,institution,image_path,annotation_path,label,split\na,p,h,x/../a.png,sub\\a.xml,no_fracture,\n");
        var manifest = ManifestReader.Read(temp.File("m.csv"));
        Assert.Equal(Path.Combine(manifest.Folder, "a.png"), manifest.ImageFile(manifest.Rows[0]));
        Assert.Equal(Path.Combine(manifest.Folder, "sub", "a.xml"), manifest.AnnotationFile(manifest.Rows[0]));
    }

    [Fact]
    public void Convert_removes_the_temporary_files_a_killed_run_left()
    {
        using var temp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(temp.File("in"));
        string images = Directory.CreateDirectory(temp.File("out/images")).FullName;
        // pid 2^22 + 1 is above Linux's pid_max: no process has it.
        string stale = Path.Combine(images, "i_abc.png.4194305.7.tmp");
        string alive = Path.Combine(images, $"i_def.png.{Environment.ProcessId}.1.tmp.keep");
        File.WriteAllText(stale, "half a png");
        File.WriteAllText(alive, "not a temporary of ours");
        HipFx.Data.Dicom.Conversion.DicomConverter.Run(new HipFx.Data.Dicom.Conversion.DicomConvertOptions
        {
            InputFolder = temp.File("in"), OutputFolder = temp.File("out"), Salt = "s",
        });
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(alive));
    }

    [Fact]
    public void Echoed_values_are_escaped_and_cut()
    {
        Assert.Equal("a\\0b\\n\\x1B", Echo.Text("a\0b\n\u001b"));
        string cut = Echo.Text(new string('x', 5000), 50);
        Assert.StartsWith(new string('x', 50), cut);
        Assert.EndsWith("(5000 characters)", cut);
        Assert.Equal("plain", Echo.Text("plain"));
        Assert.Contains("\\0", new HipFxDataException("bad", "a\0b").Message);
    }
}
