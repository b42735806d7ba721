using HipFx.Core;
using HipFx.Data.Dicom;
using HipFx.Data.Manifests;
using HipFx.Data.Synth;
using HipFx.Data.Voc;
using HipFx.Tests;

namespace HipFx.Data.Tests.Synth;

public class SyntheticDatasetTests
{
    private const int Size = 192;

    private static SynthOptions Options(string folder, SynthFormat format = SynthFormat.Png, long seed = 3, int workers = 2) => new()
    {
        OutputFolder = folder, Count = 12, Size = Size, Seed = seed, Format = format, Workers = workers,
    };

    private static Dictionary<string, byte[]> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Fact]
    public void SameSeedGivesByteIdenticalFilesWhateverTheThreadCount()
    {
        using var temp = RepoPaths.NewTempFolder();
        string a = Path.Combine(temp.Path, "a"), b = Path.Combine(temp.Path, "b"), c = Path.Combine(temp.Path, "c");
        SyntheticDataset.Generate(Options(a, SynthFormat.Dicom, workers: 1));
        SyntheticDataset.Generate(Options(b, SynthFormat.Dicom, workers: 3));
        SyntheticDataset.Generate(Options(c, SynthFormat.Dicom, seed: 4));
        var fa = Files(a);
        var fb = Files(b);
        Assert.Equal(fa.Keys.Order(), fb.Keys.Order());
        Assert.All(fa, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(fb[kv.Key]), $"{kv.Key} differs"));
        var fc = Files(c);
        var shared = fa.Keys.Intersect(fc.Keys).Where(k => k.EndsWith(".dcm", StringComparison.Ordinal)).ToList();
        Assert.All(shared, k => Assert.False(fa[k].AsSpan().SequenceEqual(fc[k]), $"{k} is the same for seeds 3 and 4"));
    }

    [Fact]
    public void PngDatasetPassesLintAndItsAnnotationsMatchTheManifest()
    {
        using var temp = RepoPaths.NewTempFolder();
        var summary = SyntheticDataset.Generate(Options(temp.Path) with { Preview = true });
        Assert.True(File.Exists(summary.PreviewPath));
        var manifest = ManifestReader.Read(summary.ManifestPath);
        Assert.Equal(12, manifest.Rows.Count);
        Assert.All(manifest.Rows, row =>
        {
            Assert.True(File.Exists(manifest.ImageFile(row)));
            string xml = manifest.AnnotationFile(row)!;
            var voc = VocReader.Read(xml);
            var labeled = LabeledAnnotation.From(voc, ClassMap.Canonical, xml);
            Assert.Equal(Size, voc.Width);
            if (row.Label == ImageLabel.NoFracture)
            {
                Assert.Empty(labeled.Boxes);
            }
            else
            {
                var box = Assert.Single(labeled.Boxes);
                Assert.Equal(row.Label, box.Class.ToImageLabel());
                Assert.InRange(box.Box.X1, 0, Size);
                Assert.InRange(box.Box.X2, box.Box.X1 + 4, Size);
                Assert.InRange(box.Box.Y2, box.Box.Y1 + 4, Size);
                // Tight: a fracture box covers well under half the image.
                Assert.True(box.Box.Area < 0.3 * Size * Size, $"{row.ImageId}: box {box.Box} is not tight");
            }
            bool external = InstitutionProfile.BuiltIn.Single(p => p.Code == row.Institution).IsExternal;
            Assert.Equal(external ? DatasetSplit.External : null, row.Split);
            Assert.Contains(row.Laterality, new[] { "left", "right" });
        });
        var report = DatasetLinter.Lint(summary.ManifestPath);
        Assert.False(report.HasErrors, string.Join("\n", report.Issues));
    }

    [Fact]
    public void DicomFilesCarryThePlanAndPassOurReader()
    {
        using var temp = RepoPaths.NewTempFolder();
        var summary = SyntheticDataset.Generate(Options(temp.Path, SynthFormat.Dicom));
        var manifest = ManifestReader.Read(summary.ManifestPath);
        var photometrics = new HashSet<string>();
        foreach (var row in manifest.Rows)
        {
            var file = DicomReader.Read(manifest.ImageFile(row));
            Assert.Equal(row.PatientId, file.Facts.PatientId);
            Assert.Equal(row.Laterality == "left" ? "L" : "R", file.Facts.Laterality);
            Assert.Equal(row.Sex, file.Facts.Sex);
            Assert.Equal(row.Age, file.Facts.AgeYears);
            var profile = InstitutionProfile.BuiltIn.Single(p => p.Code == row.Institution);
            Assert.Equal(profile.Name, file.Facts.InstitutionName);
            var description = file.Image.Description;
            Assert.Equal(profile.BitsStored, description.BitsStored);
            Assert.Equal(Size, description.Rows);
            photometrics.Add(description.PhotometricText);
            var frame = file.Image.ReadFrame();
            var (min, max) = frame.Range();
            Assert.True(max - min > (1 << profile.BitsStored) / 4, $"{row.ImageId}: flat image {min}..{max}");
        }
        Assert.Contains("MONOCHROME2", photometrics);
    }

    [DcmdumpFact]
    public void DcmdumpReadsEverySyntheticFile()
    {
        using var temp = RepoPaths.NewTempFolder();
        SyntheticDataset.Generate(Options(temp.Path, SynthFormat.Dicom) with { Count = 8 });
        var files = Directory.EnumerateFiles(temp.Path, "*.dcm", SearchOption.AllDirectories).ToList();
        Assert.Equal(8, files.Count);
        foreach (var file in files)
        {
            var (code, output, errors) = DicomTools.RunDcmdump(file);
            Assert.True(code == 0 && !errors.Contains("E:") && !errors.Contains("W:"), $"{file}: exit {code}: {errors}");
            Assert.Contains("(0008,0060) CS [CR]", output);
            Assert.Contains("(0018,5101) CS [AP]", output);
        }
    }

    [DciodvfyFact]
    public void DciodvfyFindsNoErrorOrWarningAgainstTheCrImageIod()
    {
        using var temp = RepoPaths.NewTempFolder();
        SyntheticDataset.Generate(Options(temp.Path, SynthFormat.Dicom) with { Count = 8 });
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*.dcm", SearchOption.AllDirectories))
        {
            var (_, output, errors) = DicomTools.RunDciodvfy(file);
            string all = output + errors;
            Assert.Contains("CRImage", all);
            Assert.DoesNotContain("Error", all);
            Assert.DoesNotContain("Warning", all);
        }
    }

    [Fact]
    public void InvalidOptionsAreConfigErrors()
    {
        Assert.Throws<HipFxConfigException>(() => new SynthOptions { OutputFolder = "x", Count = 0 }.Validate());
        Assert.Throws<HipFxConfigException>(() => new SynthOptions { OutputFolder = "x", Difficulty = 1.5 }.Validate());
        Assert.Throws<HipFxConfigException>(() => new SynthOptions { OutputFolder = "x", Size = 10 }.Validate());
        Assert.Throws<HipFxConfigException>(() => new SynthOptions
        {
            OutputFolder = "x", Institutions = [InstitutionProfile.A, InstitutionProfile.A],
        }.Validate());
    }
}
