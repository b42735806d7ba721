using System.Text;
using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Conversion;
using HipFx.Data.Dicom.Lut;
using HipFx.Data.Manifests;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Dicom;

public sealed class DicomConverterTests
{
    private static readonly string[] SmallFiles = ["MR_small.dcm", "CR1_6154.dcm", "CR-MONO1-10-chest.dcm", "SC_rgb.dcm"];

    private static TempFolder InputWith(params string[] files)
    {
        var folder = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(folder.File("sub"));
        foreach (var file in files)
        {
            var source = Path.Combine(DicomGroundTruth.Folder, file);
            File.Copy(source, folder.File(Path.Combine("sub", Path.GetFileName(file))));
        }
        File.WriteAllText(folder.File("notes.txt"), "not DICOM, ignored");
        return folder;
    }

    private static DicomConvertOptions Options(string input, string output) => new()
    {
        InputFolder = input,
        OutputFolder = output,
        Salt = "test-salt",
        Parallelism = 2,
    };

    [Fact]
    public void Converts_recursively_reports_bad_files_and_writes_a_valid_manifest()
    {
        using var input = InputWith([.. SmallFiles, "malformed/MR_truncated.dcm"]);
        using var output = RepoPaths.NewTempFolder();
        var report = DicomConverter.Run(Options(input.Path, output.Path));

        Assert.Equal(4, report.Converted);
        var failure = Assert.Single(report.Results, r => r.Outcome == ConversionOutcome.Failed);
        Assert.Equal("sub/MR_truncated.dcm", failure.RelativePath);
        Assert.Contains("value length 8192 runs past the end", failure.Reason);

        var manifest = ManifestReader.Read(report.ManifestPath);
        Assert.Equal(4, manifest.Rows.Count);
        foreach (var row in manifest.Rows)
        {
            Assert.True(File.Exists(manifest.ImageFile(row)), row.ImagePath);
            Assert.StartsWith("p_", row.PatientId);
        }
        var metadata = File.ReadAllLines(report.MetadataPath);
        Assert.Equal(string.Join(',', DicomMetadataWriter.Columns), metadata[0]);
        Assert.Equal(5, metadata.Length);
        Assert.Empty(Directory.GetFiles(output.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Sixteen_bit_png_keeps_full_depth_and_inverts_monochrome1()
    {
        using var input = InputWith("CR-MONO1-10-chest.dcm");
        using var output = RepoPaths.NewTempFolder();
        var report = DicomConverter.Run(Options(input.Path, output.Path));
        var row = ManifestReader.Read(report.ManifestPath).Rows.Single();
        using var png = Image.Load<L16>(Path.Combine(output.Path, row.ImagePath));
        var frame = DicomReader.Read(Path.Combine(DicomGroundTruth.Folder, "CR-MONO1-10-chest.dcm")).Image.ReadFrame();
        var darkest = Array.IndexOf(frame.Values, frame.Values.Min()); // stored 0 = white in MONOCHROME1
        Assert.Equal(65535, png[darkest % frame.Width, darkest / frame.Width].PackedValue);
        // 10 bits stored: distinct stored values stay distinct (no 8-bit quantization).
        var distinct = new HashSet<ushort>();
        png.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    distinct.Add(p.PackedValue);
                }
            }
        });
        Assert.Equal(frame.Values.Distinct().Count(), distinct.Count);
    }

    [Fact]
    public void Windowed_eight_bit_and_resize_keep_aspect()
    {
        using var input = InputWith("CR-MONO1-10-chest.dcm", "JPGExtended.dcm");
        using var output = RepoPaths.NewTempFolder();
        var options = Options(input.Path, output.Path) with { Window = new WindowChoice.Auto(), MaxSize = 128 };
        var report = DicomConverter.Run(options);
        Assert.Equal(2, report.Converted);
        var lines = File.ReadAllLines(report.MetadataPath).Skip(1).Select(l => l.Split(',')).ToList();
        var extended = lines.Single(l => l[2] == "NM"); // 256 x 1024 source
        Assert.Equal(["32", "128"], extended[12..14]);
        var cr = lines.Single(l => l[2] == "CR");
        Assert.Equal("gray8 C=550 W=1024 Linear inverted", cr[14]);
        using var png = Image.Load(Path.Combine(output.Path, "images", cr[0] + ".png"));
        Assert.Equal(8, png.PixelType.BitsPerPixel);
        Assert.Equal(128, png.Width);
    }

    [Fact]
    public void A_second_run_resumes_and_a_missing_png_is_redone()
    {
        using var input = InputWith(SmallFiles);
        using var output = RepoPaths.NewTempFolder();
        var first = DicomConverter.Run(Options(input.Path, output.Path));
        var pngs = Directory.GetFiles(Path.Combine(output.Path, "images"));
        var stamps = pngs.ToDictionary(p => p, File.GetLastWriteTimeUtc);
        File.Delete(pngs[0]);

        var second = DicomConverter.Run(Options(input.Path, output.Path));
        Assert.Equal(1, second.Converted);
        Assert.Equal(3, second.AlreadyDone);
        foreach (var png in pngs.Skip(1))
        {
            Assert.Equal(stamps[png], File.GetLastWriteTimeUtc(png));
        }
        Assert.True(File.Exists(pngs[0]));
        Assert.Equal(File.ReadAllText(first.ManifestPath), File.ReadAllText(second.ManifestPath));
    }

    [Fact]
    public void No_names_birth_dates_or_raw_ids_in_any_output()
    {
        var files = DicomGroundTruth.Entries.Select(e => e.File).ToArray();
        using var input = InputWith(files);
        using var output = RepoPaths.NewTempFolder();
        var options = Options(input.Path, output.Path) with { Window = new WindowChoice.Auto(), MaxSize = 64, IncludeStudyDate = true };
        var report = DicomConverter.Run(options);
        Assert.True(report.Converted >= 15);

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            DicomFile dicom;
            try
            {
                dicom = DicomReader.Read(Path.Combine(DicomGroundTruth.Folder, file));
            }
            catch (HipFx.Core.HipFxDataException)
            {
                continue;
            }
            foreach (var tag in new[] { DicomTag.PatientName, DicomTag.PatientId, DicomTag.PatientBirthDate, DicomTag.StudyInstanceUid, DicomTag.SopInstanceUid, DicomTag.SeriesInstanceUid })
            {
                if (dicom.Dataset.GetString(tag) is { Length: >= 4 } value)
                {
                    secrets.Add(value);
                    secrets.UnionWith(value.Split('^').Where(part => part.Length >= 4)); // name components
                }
            }
            secrets.Add(Path.GetFileNameWithoutExtension(file));
        }
        Assert.Contains("Doe^Archibald", secrets); // the placeholders named in the README are among them

        foreach (var path in Directory.GetFiles(output.Path, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
            text += "\n" + Path.GetRelativePath(output.Path, path);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' leaked into {path}");
            }
        }
    }

    [Fact]
    public void Pseudonyms_depend_on_the_salt_and_the_kind()
    {
        var a = new Pseudonymizer("salt-a");
        var b = new Pseudonymizer("salt-b");
        Assert.Equal(a.Patient("12345"), new Pseudonymizer("salt-a").Patient("12345"));
        Assert.NotEqual(a.Patient("12345"), b.Patient("12345"));
        Assert.NotEqual(a.Patient("12345")![2..], a.Study("12345")![2..]);
        Assert.Matches("^p_[0-9a-f]{16}$", a.Patient("12345")!);
        Assert.Null(a.Patient(null));
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(" "));
    }

    [Fact]
    public void A_missing_salt_is_a_configuration_error()
    {
        using var input = InputWith();
        var options = Options(input.Path, input.File("out")) with { Salt = "" };
        var ex = Assert.Throws<HipFx.Core.HipFxConfigException>(() => DicomConverter.Run(options));
        Assert.Contains("HIPFX_SALT", ex.Message);
    }
}
