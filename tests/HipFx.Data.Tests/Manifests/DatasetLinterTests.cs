using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Manifests;

public sealed class DatasetLinterTests
{
    private static readonly LintOptions Quick = new() { DecodePixels = false };

    private static void Png(string path, int width = 100, int height = 80)
    {
        using var image = new Image<L8>(width, height, new L8(90));
        image.SaveAsPng(path);
    }

    private static void Xml(string path, string filename, int width, int height, bool verified = false, params VocObject[] objects) =>
        VocWriter.Write(new VocAnnotation { Filename = filename, Width = width, Height = height, Verified = verified, Objects = objects }, path);

    private static IEnumerable<string> Codes(LintReport report, string file) =>
        report.Issues.Where(i => i.File.EndsWith(file, StringComparison.Ordinal)).Select(i => i.Code);

    [Fact]
    public void Clean_folder_has_no_issues_and_counts_names()
    {
        using var temp = RepoPaths.NewTempFolder();
        Png(temp.File("a.png"));
        Xml(temp.File("a.xml"), "a.png", 100, 80, false, new VocObject("DF", new Box(10, 10, 40, 40)), new VocObject("Valgus impacted", new Box(50, 10, 90, 40)));
        Png(temp.File("b.png"));
        Xml(temp.File("b.xml"), "b.png", 100, 80, verified: true);
        var report = DatasetLinter.Lint(temp.Path, new LintOptions());
        Assert.Empty(report.Issues);
        Assert.Equal((2, 2, 2, 1, 0), (report.Images, report.Annotations, report.Boxes, report.Negatives, report.Unreviewed));
        Assert.Equal(["DF:displaced_fnf:1", "Valgus impacted:valgus_impacted_fnf:1"],
            report.ClassCounts.Select(c => $"{c.Name}:{c.MapsTo}:{c.Boxes}"));
    }

    [Fact]
    public void Every_problem_is_reported_per_file()
    {
        using var temp = RepoPaths.NewTempFolder();
        Png(temp.File("boxes.png"));
        Xml(temp.File("boxes.xml"), "boxes.png", 100, 80, false,
            new VocObject("DF", new Box(40, 10, 20, 30)),      // inverted
            new VocObject("DF", new Box(90, 10, 120, 30)),     // outside
            new VocObject("DF", new Box(10, 10, 11, 30)),      // 1 px wide
            new VocObject("Pertrochanteric", new Box(10, 10, 30, 30)));
        Png(temp.File("size.png"), 60, 50);
        Xml(temp.File("size.xml"), "size.png", 100, 80, false, new VocObject("UF", new Box(10, 10, 70, 30))); // fits 100x80, not the real 60x50
        Xml(temp.File("orphan.xml"), "orphan.png", 100, 80, false, new VocObject("UF", new Box(1, 1, 5, 5)));
        Png(temp.File("named.png"));
        Xml(temp.File("named.xml"), "C:\\data\\someone_else.jpg", 100, 80, true);
        Directory.CreateDirectory(temp.File("sub"));
        Png(temp.File("twice.png"));
        Xml(temp.File("twice.xml"), "twice.png", 100, 80, true);
        Xml(temp.File("sub/twice.xml"), "twice.png", 100, 80, true);
        Png(temp.File("lonely.png"));
        File.WriteAllText(temp.File("broken.xml"), "<annotation><filename>broken.png</filename>");
        Png(temp.File("broken.png"));
        using (var jpeg = new Image<Rgb24>(100, 80))
        {
            jpeg.Metadata.ExifProfile = new ExifProfile();
            jpeg.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)8);
            jpeg.SaveAsJpeg(temp.File("rotated.jpg"));
        }
        Xml(temp.File("rotated.xml"), "rotated.jpg", 100, 80, true);

        var report = DatasetLinter.Lint(temp.Path, Quick);

        Assert.Equal(["box-inverted", "box-outside", "box-too-small", "class-unknown"], Codes(report, "boxes.xml").Order());
        var unknown = report.Issues.Single(i => i.Code == LintCodes.ClassUnknown);
        Assert.Equal(("object[3]/name", temp.File("boxes.xml")), (unknown.Location, unknown.File));
        Assert.Contains("'Pertrochanteric'", unknown.Message);
        Assert.Equal(["box-outside", "size-mismatch"], Codes(report, "/size.xml").Order());
        Assert.Equal(["image-missing"], Codes(report, "orphan.xml"));
        Assert.Equal(["filename-mismatch"], Codes(report, "named.xml"));
        Assert.Equal(["xml-duplicate", "xml-duplicate"], Codes(report, "twice.xml"));
        Assert.Equal(["unreviewed"], Codes(report, "lonely.png"));
        Assert.Equal(["xml-malformed"], Codes(report, "broken.xml"));
        Assert.Equal(["image-exif-orientation"], Codes(report, "rotated.jpg"));
        Assert.True(report.HasErrors);
        Assert.All(report.Issues, i => Assert.True(File.Exists(i.File) || i.File.EndsWith(".xml", StringComparison.Ordinal), i.ToString()));
    }

    [Fact]
    public void Voc_1based_convention_makes_a_zero_coordinate_an_outside_box()
    {
        using var temp = RepoPaths.NewTempFolder();
        Png(temp.File("z.png"));
        Xml(temp.File("z.xml"), "z.png", 100, 80, false, new VocObject("DF", new Box(0, 5, 30, 30)));
        Assert.Empty(DatasetLinter.Lint(temp.Path, Quick).Issues);
        var report = DatasetLinter.Lint(temp.Path, Quick with { Annotations = new HipFx.Data.Labels.AnnotationOptions { Convention = VocCoordinateConvention.Voc1BasedInclusive } });
        Assert.Equal(["box-outside"], report.Issues.Select(i => i.Code));
    }

    [Fact]
    public void Manifest_labels_decide_negatives_and_contradictions_are_errors()
    {
        using var temp = RepoPaths.NewTempFolder();
        foreach (var id in new[] { "neg", "pos", "wrong", "empty", "unlabeled", "nolabelxml" })
        {
            Png(temp.File(id + ".png"));
        }
        Xml(temp.File("neg.xml"), "neg.png", 100, 80);
        Xml(temp.File("pos.xml"), "pos.png", 100, 80, false, new VocObject("SF", new Box(5, 5, 50, 50)));
        Xml(temp.File("wrong.xml"), "wrong.png", 100, 80, false, new VocObject("SF", new Box(5, 5, 50, 50)));
        Xml(temp.File("nolabelxml.xml"), "nolabelxml.png", 100, 80);
        ManifestRow Row(string id, ImageLabel? label, bool xml = true) => new()
        {
            ImageId = id, PatientId = "p" + id, Institution = "A", ImagePath = id + ".png",
            AnnotationPath = xml ? id + ".xml" : null, Label = label,
        };
        ManifestWriter.Write([
            Row("neg", ImageLabel.NoFracture), Row("pos", ImageLabel.StableItf), Row("wrong", ImageLabel.NoFracture),
            Row("empty", ImageLabel.UnstableItf, xml: false), Row("unlabeled", null, xml: false), Row("nolabelxml", null),
            Row("gone", ImageLabel.NoFracture),
        ], temp.File("m.csv"));
        var report = DatasetLinter.Lint(temp.File("m.csv"), Quick);
        Assert.Equal((1, 2), (report.Negatives, report.Unreviewed));
        Assert.Equal(["label-mismatch"], Codes(report, "wrong.xml"));
        Assert.Equal(["label-mismatch"], Codes(report, "empty.png"));
        Assert.Equal(["unreviewed"], Codes(report, "unlabeled.png"));
        Assert.Equal(["unreviewed"], Codes(report, "nolabelxml.xml"));
        Assert.Equal(["image-missing"], Codes(report, "gone.png"));
        Assert.Equal(["xml-missing"], Codes(report, "gone.xml"));
        Assert.Empty(Codes(report, "neg.xml").Concat(Codes(report, "pos.xml")));
    }

    [Fact]
    public void Leaking_manifest_is_refused_before_linting()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("m.csv"), "image_id,patient_id,institution,image_path,annotation_path,label,split\n" +
            "a,p1,A,a.png,,no_fracture,train\nb,p1,A,b.png,,no_fracture,val\n");
        var error = Assert.Throws<HipFxDataException>(() => DatasetLinter.Lint(temp.File("m.csv"), Quick));
        Assert.Contains("patient 'p1'", error.Message);
    }

    [Fact]
    public void Real_fracatlas_folder_reports_unknown_class_truncated_jpeg_and_unreviewed_negatives()
    {
        // The xray set mixes images/ and annotations/voc/ (+ yolo txt files, ignored).
        var report = DatasetLinter.Lint(RepoPaths.SharedFile("data", "xray"), new LintOptions());
        Assert.Equal((25, 25, 15), (report.Images, report.Annotations, report.Boxes));
        Assert.Equal(15, report.Issues.Count(i => i.Code == LintCodes.ClassUnknown));
        var truncated = Assert.Single(report.Issues, i => i.Code == LintCodes.ImageUnreadable);
        Assert.EndsWith("IMG0004177.jpg", truncated.File);
        Assert.Equal(11, report.Unreviewed);
        Assert.DoesNotContain(report.Issues, i => i.Code is LintCodes.BoxOutside or LintCodes.BoxInverted or LintCodes.SizeMismatch);

        var mapped = DatasetLinter.Lint(RepoPaths.SharedFile("data", "xray"), Quick with { Annotations = new HipFx.Data.Labels.AnnotationOptions { ClassMap = ClassMap.Default.WithAssignment("fractured=DF") } });
        Assert.Equal(["fractured:displaced_fnf:15:14"], mapped.ClassCounts.Select(c => $"{c.Name}:{c.MapsTo}:{c.Boxes}:{c.Images}"));
        Assert.Equal([LintCodes.ImageUnreadable], mapped.Issues.Where(i => i.Severity == LintSeverity.Error).Select(i => i.Code));
    }
}
