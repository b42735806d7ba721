using HipFx.Core;
using HipFx.Data.Voc;
using HipFx.Tests;

namespace HipFx.Data.Tests.Voc;

/// <summary>Every real VOC file in shared/data/voc against the facts in its README.</summary>
public sealed class RealVocFilesTests
{
    // file, verified, filename, W, H, D (null = empty), objects, difficult count, truncated count, first box as written
    public static TheoryData<string, bool, string, int, int, int?, int, int, int, double[]?> Facts => new()
    {
        { "cvat_style_review_metrics/2007_000027.xml", false, "2007_000027.jpg", 486, 500, null, 1, 0, 0, [174, 101, 349, 351] },
        { "cvat_style_review_metrics/2007_000032.xml", false, "2007_000032.jpg", 500, 281, null, 4, 0, 0, [26, 189, 44, 238] },
        { "edje_cards/IMG_2383.xml", false, "IMG_2383.JPG", 378, 504, 3, 1, 0, 0, [97, 136, 275, 368] },
        { "edje_cards/IMG_2560.xml", false, "IMG_2560.JPG", 378, 504, 3, 4, 0, 0, [48, 96, 143, 215] },
        { "edje_cards/IMG_2561.xml", false, "IMG_2561.JPG", 378, 504, 3, 4, 0, 1, [218, 1, 334, 136] },
        { "edje_cards/cam_image2.xml", false, "cam_image2.jpg", 960, 540, 3, 4, 0, 0, [312, 30, 485, 249] },
        { "fracatlas/IMG0000007.xml", false, "IMG0000007.jpg", 1760, 2140, 3, 0, 0, 0, null },
        { "fracatlas/IMG0003341.xml", false, "IMG0003341.jpg", 454, 373, 3, 2, 0, 0, [332, 315, 399, 373] },
        { "labelimg_repo/C1_P01_N1_S2_1.xml", false, "C1_P01_N1_S2_1.JPG", 1363, 2188, 3, 10, 0, 0, [13, 875, 275, 1249] },
        { "labelimg_repo/C1_P11_N2_S4_2.xml", false, "C1_P11_N2_S4_2.JPG", 3264, 2358, 3, 41, 0, 0, [167, 28, 444, 414] },
        { "mmdetection/000001.xml", false, "000002.jpg", 335, 500, 3, 1, 0, 0, [139, 200, 207, 301] },
        { "raccoon_dataset/raccoon-1.xml", true, "raccoon-1.jpg", 650, 417, 3, 1, 0, 0, [81, 88, 522, 408] },
        { "raccoon_dataset/raccoon-102.xml", true, "raccoon-102.jpg", 259, 194, 3, 1, 0, 1, [1, 1, 118, 152] },
        { "raccoon_dataset/raccoon-117.xml", true, "raccoon-117.jpg", 640, 448, 3, 2, 0, 0, [100, 124, 266, 324] },
        { "raccoon_dataset/raccoon-150.xml", true, "raccoon-150.jpg", 275, 183, 1, 1, 0, 0, [80, 62, 187, 169] },
        { "voc2012_review_metrics/2007_000032.xml", false, "2007_000032.jpg", 500, 281, 3, 4, 0, 0, [104, 78, 375, 183] },
        { "voc2012_review_metrics/2007_000129.xml", false, "2007_000129.jpg", 334, 500, 3, 6, 3, 5, [70, 202, 255, 500] },
        { "voc2012_review_metrics/2007_000733.xml", false, "2007_000733.jpg", 450, 435, 3, 0, 0, 0, null },
    };

    /// <summary>Files written by LabelImg itself: our writer must reproduce their bytes.</summary>
    public static TheoryData<string> LabelImgFiles => new()
    {
        "edje_cards/IMG_2383.xml", "edje_cards/IMG_2560.xml", "edje_cards/IMG_2561.xml", "edje_cards/cam_image2.xml",
        "labelimg_repo/C1_P01_N1_S2_1.xml", "labelimg_repo/C1_P11_N2_S4_2.xml",
        "raccoon_dataset/raccoon-1.xml", "raccoon_dataset/raccoon-102.xml", "raccoon_dataset/raccoon-117.xml",
        "raccoon_dataset/raccoon-150.xml",
    };

    [Fact]
    public void Facts_cover_every_xml_in_the_folder()
    {
        var onDisk = Directory.GetFiles(RepoPaths.SharedFile("data", "voc"), "*.xml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.SharedFile("data", "voc"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        var covered = Facts.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, covered);
    }

    [Theory]
    [MemberData(nameof(Facts))]
    public void Reads_the_documented_facts(string file, bool verified, string filename, int width, int height, int? depth,
        int objects, int difficult, int truncated, double[]? firstBox)
    {
        var annotation = VocReader.Read(RepoPaths.SharedFile("data", "voc", file));
        Assert.Equal(verified, annotation.Verified);
        Assert.Equal(filename, annotation.Filename);
        Assert.Equal((width, height, depth), (annotation.Width, annotation.Height, annotation.Depth));
        Assert.Equal(objects, annotation.Objects.Count);
        Assert.Equal(difficult, annotation.Objects.Count(o => o.Difficult));
        Assert.Equal(truncated, annotation.Objects.Count(o => o.Truncated));
        if (firstBox is not null)
        {
            Assert.Equal(new Box(firstBox[0], firstBox[1], firstBox[2], firstBox[3]), annotation.Objects[0].Box);
        }
    }

    [Theory]
    [MemberData(nameof(Facts))]
    public void Voc_1based_convention_shifts_only_the_minimum_edges(string file, bool verified, string filename, int width, int height,
        int? depth, int objects, int difficult, int truncated, double[]? firstBox)
    {
        _ = (verified, filename, width, height, depth, objects, difficult, truncated);
        var path = RepoPaths.SharedFile("data", "voc", file);
        var edge = VocReader.Read(path);
        var voc = VocReader.Read(path, new VocReadOptions { Convention = VocCoordinateConvention.Voc1BasedInclusive });
        Assert.Equal(edge.Objects.Count, voc.Objects.Count);
        if (firstBox is not null)
        {
            Assert.Equal(new Box(firstBox[0] - 1, firstBox[1] - 1, firstBox[2], firstBox[3]), voc.Objects[0].Box);
        }
    }

    [Theory]
    [MemberData(nameof(Facts))]
    public void Read_write_read_is_exact_in_both_conventions(string file, bool verified, string filename, int width, int height,
        int? depth, int objects, int difficult, int truncated, double[]? firstBox)
    {
        _ = (verified, filename, width, height, depth, objects, difficult, truncated, firstBox);
        using var temp = RepoPaths.NewTempFolder();
        foreach (var convention in new[] { VocCoordinateConvention.LabelImgEdge, VocCoordinateConvention.Voc1BasedInclusive })
        {
            var options = new VocReadOptions { Convention = convention };
            var first = VocReader.Read(RepoPaths.SharedFile("data", "voc", file), options);
            string copy = temp.File(convention + ".xml");
            VocWriter.Write(first, copy, convention);
            var second = VocReader.Read(copy, options);
            Assert.Equal(first, second);
            // and a second write gives the same bytes
            Assert.Equal(File.ReadAllText(copy), VocWriter.ToXml(second, convention));
        }
    }

    [Theory]
    [MemberData(nameof(LabelImgFiles))]
    public void Writer_reproduces_LabelImg_bytes(string file)
    {
        var path = RepoPaths.SharedFile("data", "voc", file);
        var annotation = VocReader.Read(path);
        Assert.Equal(File.ReadAllText(path), VocWriter.ToXml(annotation));
    }

    [Fact]
    public void Paper_class_map_rejects_real_names_with_file_object_and_name()
    {
        var path = RepoPaths.SharedFile("data", "voc", "edje_cards", "IMG_2560.xml");
        var annotation = VocReader.Read(path);
        var error = Assert.Throws<HipFxDataException>(() => LabeledAnnotation.From(annotation, ClassMap.Default, path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal("object[0]/name", error.Location);
        Assert.Contains($"'{annotation.Objects[0].Name}'", error.Message);
    }

    [Fact]
    public void Difficult_policy_is_applied_and_counted_on_real_difficult_boxes()
    {
        var path = RepoPaths.SharedFile("data", "voc", "voc2012_review_metrics", "2007_000129.xml");
        var annotation = VocReader.Read(path);
        var map = ClassMap.Empty.With("bicycle", FractureClass.StableItf).With("person", FractureClass.UnstableItf);
        var keep = LabeledAnnotation.From(annotation, map, path);
        var ignore = LabeledAnnotation.From(annotation, map, path, DifficultPolicy.Ignore);
        var exclude = LabeledAnnotation.From(annotation, map, path, DifficultPolicy.Exclude);
        Assert.Equal((6, 0, 0), (keep.Boxes.Count, keep.Boxes.Count(b => b.Difficult), keep.ExcludedDifficult));
        Assert.Equal((6, 3, 0), (ignore.Boxes.Count, ignore.Boxes.Count(b => b.Difficult), ignore.ExcludedDifficult));
        Assert.Equal((3, 0, 3), (exclude.Boxes.Count, exclude.Boxes.Count(b => b.Difficult), exclude.ExcludedDifficult));
    }
}
