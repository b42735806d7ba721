using HipFx.Core;
using HipFx.Data.Voc;
using HipFx.Tests;

namespace HipFx.Data.Tests.Voc;

/// <summary>Hostile and broken XML: always a <see cref="HipFxDataException"/> naming the source, never a crash or an expansion.</summary>
public sealed class MalformedVocTests
{
    private const string Valid = """
        <annotation>
        	<filename>a.png</filename>
        	<size><width>100</width><height>80</height><depth>1</depth></size>
        	<object><name>DF</name><bndbox><xmin>10</xmin><ymin>10</ymin><xmax>50</xmax><ymax>40</ymax></bndbox></object>
        </annotation>
        """;

    [Fact]
    public void Valid_minimal_file_parses()
    {
        var annotation = VocReader.Parse(Valid, "a.xml");
        Assert.Equal(new Box(10, 10, 50, 40), Assert.Single(annotation.Objects).Box);
        Assert.Equal("Unspecified", annotation.Objects[0].Pose);
    }

    [Fact]
    public void External_entity_XXE_is_refused_and_the_secret_never_read()
    {
        using var temp = RepoPaths.NewTempFolder();
        string secret = temp.File("secret.txt");
        File.WriteAllText(secret, "PATIENT-NAME-SECRET");
        string xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE annotation [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <annotation><filename>&xxe;</filename><size><width>1</width><height>1</height></size></annotation>
            """;
        var error = Assert.Throws<HipFxDataException>(() => VocReader.Parse(xml, "xxe.xml"));
        Assert.Equal("xxe.xml", error.FilePath);
        Assert.Contains("DTD", error.Message);
        Assert.DoesNotContain("PATIENT-NAME-SECRET", error.Message);
    }

    [Fact]
    public void Billion_laughs_is_refused_without_expanding()
    {
        var entities = new System.Text.StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++)
        {
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }
        string xml = $"<?xml version=\"1.0\"?><!DOCTYPE annotation [{entities}]><annotation><filename>&lol9;</filename></annotation>";
        var error = Assert.Throws<HipFxDataException>(() => VocReader.Parse(xml, "laughs.xml"));
        Assert.Contains("DTD", error.Message);
    }

    [Fact]
    public void Oversized_document_is_refused_by_the_character_limit()
    {
        string xml = Valid.Replace("<filename>a.png</filename>", $"<folder>{new string('x', 5000)}</folder><filename>a.png</filename>");
        var error = Assert.Throws<HipFxDataException>(() =>
            VocReader.Parse(xml, "big.xml", new VocReadOptions { MaxCharacters = 2000 }));
        Assert.Equal("big.xml", error.FilePath);
        Assert.Contains("longer than the limit of 2000 characters", error.Message);
    }

    [Theory]
    [InlineData("<annotation><filename>a.png</filename>", "malformed XML")]                     // truncated
    [InlineData("", "malformed XML")]                                                          // empty file
    [InlineData("<root><filename>a</filename></root>", "expected <annotation>")]
    [InlineData("<annotation><filename>a</filename></annotation>", "missing <size>")]
    [InlineData("<annotation><size><width>1</width><height>1</height></size></annotation>", "missing <filename>")]
    [InlineData("<annotation><filename>a</filename><size><width>0</width><height>1</height></size></annotation>", "size/width is '0'")]
    [InlineData("<annotation><filename>a</filename><size><width>1.5</width><height>1</height></size></annotation>", "size/width is '1.5'")]
    [InlineData("<annotation><filename>a</filename><size><width>9</width><height>9</height></size><object><name>DF</name></object></annotation>", "missing <bndbox> in object[0]")]
    [InlineData("<annotation><filename>a</filename><size><width>9</width><height>9</height></size><object><name> </name><bndbox/></object></annotation>", "object[0]/name is empty")]
    [InlineData("<annotation><filename>a</filename><size><width>9</width><height>9</height></size><object><name>DF</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>abc</xmax><ymax>5</ymax></bndbox></object></annotation>", "object[0]/bndbox/xmax is 'abc'")]
    [InlineData("<annotation><filename>a</filename><size><width>9</width><height>9</height></size><object><name>DF</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>NaN</xmax><ymax>5</ymax></bndbox></object></annotation>", "xmax is 'NaN'")]
    [InlineData("<annotation><filename>a</filename><size><width>9</width><height>9</height></size><object><name>DF</name><difficult>yes</difficult><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>3</xmax><ymax>5</ymax></bndbox></object></annotation>", "object[0]/difficult is 'yes'")]
    public void Broken_files_fail_with_a_precise_message(string xml, string expected)
    {
        var error = Assert.Throws<HipFxDataException>(() => VocReader.Parse(xml, "bad.xml"));
        Assert.Equal("bad.xml", error.FilePath);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Missing_file_is_a_data_error_naming_it()
    {
        var error = Assert.Throws<HipFxDataException>(() => VocReader.Read("/nonexistent/x.xml"));
        Assert.Equal("/nonexistent/x.xml", error.FilePath);
    }

    [Fact]
    public void Unicode_names_round_trip_exactly()
    {
        // Synthetic: no real VOC file with non-ASCII content was found (see data/voc/README.md).
        var annotation = new VocAnnotation
        {
            Filename = "臉書 röntgen.png",
            Path = "C:\\Bilder\\臉書 röntgen.png",
            Width = 640,
            Height = 480,
            Objects = [new VocObject("Valgus-impacted <&>", new Box(1, 2, 30, 40))],
        };
        string xml = VocWriter.ToXml(annotation);
        Assert.Equal(annotation, VocReader.Parse(xml, "u.xml"));
    }

    [Fact]
    public void For_image_writes_canonical_names_and_loads_back_the_same_ground_truth()
    {
        using var temp = RepoPaths.NewTempFolder();
        GroundTruthBox[] boxes =
        [
            new(FractureClass.ValgusImpactedFnf, new Box(12, 30, 80, 90)),
            new(FractureClass.UnstableItf, new Box(0, 5, 200, 150), Difficult: true),
        ];
        foreach (var convention in new[] { VocCoordinateConvention.LabelImgEdge, VocCoordinateConvention.Voc1BasedInclusive })
        {
            var annotation = VocAnnotation.ForImage("x.png", 200, 150, boxes, convention: convention);
            Assert.Equal(["valgus_impacted_fnf", "unstable_itf"], annotation.Objects.Select(o => o.Name));
            Assert.Equal([false, true], annotation.Objects.Select(o => o.Truncated));
            VocWriter.Write(annotation, temp.File("x.xml"), convention);
            var loaded = LabeledAnnotation.Load(temp.File("x.xml"), ClassMap.Canonical, new VocReadOptions { Convention = convention }, DifficultPolicy.Ignore);
            Assert.Equal(boxes, loaded.Boxes);
            Assert.True(loaded.Verified);
        }
        Assert.DoesNotContain("<path>", File.ReadAllText(temp.File("x.xml")));
        Assert.DoesNotContain("<folder>", File.ReadAllText(temp.File("x.xml")));
    }

    [Fact]
    public void Object_create_sets_truncated_like_LabelImg()
    {
        Assert.True(VocObject.Create("DF", new Box(1, 10, 20, 30), 100, 100).Truncated);
        Assert.True(VocObject.Create("DF", new Box(10, 10, 20, 100), 100, 100).Truncated);
        Assert.False(VocObject.Create("DF", new Box(10, 10, 20, 30), 100, 100).Truncated);
    }
}
