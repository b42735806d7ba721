using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Tests;

namespace HipFx.Data.Tests.Manifests;

public sealed class ManifestTests
{
    private static ManifestRow Row(string id, string patient, DatasetSplit? split = null, ImageLabel? label = ImageLabel.NoFracture) => new()
    {
        ImageId = id,
        PatientId = patient,
        Institution = "A",
        ImagePath = $"images/{id}.png",
        AnnotationPath = $"annotations/{id}.xml",
        Label = label,
        Split = split,
    };

    [Fact]
    public void Write_then_read_gives_equal_rows_and_resolves_relative_paths()
    {
        using var temp = RepoPaths.NewTempFolder();
        var rows = new List<ManifestRow>
        {
            Row("a", "p1", DatasetSplit.Train, ImageLabel.DisplacedFnf) with
            {
                Sex = "F", Age = 81, StudyDate = new DateOnly(2021, 3, 4), View = "AP", Laterality = "left",
            },
            Row("b, with comma", "p2", DatasetSplit.External, null) with { AnnotationPath = null },
        };
        string path = temp.File("sub/m.csv");
        ManifestWriter.Write(rows, path);
        var manifest = ManifestReader.Read(path);
        Assert.Equal(rows, manifest.Rows);
        Assert.Equal(Path.Combine(temp.Path, "sub", "images", "a.png"), manifest.ImageFile(manifest.Rows[0]));
        Assert.Null(manifest.AnnotationFile(manifest.Rows[1]));
        Assert.StartsWith("image_id,patient_id,institution,image_path,annotation_path,label,split,sex,age,study_date,view,laterality\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Optional_columns_are_omitted_when_empty_and_hash_ignores_row_order()
    {
        var rows = new[] { Row("a", "p1"), Row("b", "p2") };
        string csv = ManifestWriter.ToCsv(rows, optionalColumns: null);
        Assert.StartsWith("image_id,patient_id,institution,image_path,annotation_path,label,split\n", csv);
        Assert.Equal(ManifestHash.Compute(rows), ManifestHash.Compute(rows.Reverse()));
        Assert.NotEqual(ManifestHash.Compute(rows), ManifestHash.Compute([rows[0], rows[1] with { Label = ImageLabel.StableItf }]));
        Assert.Matches("^[0-9a-f]{64}$", ManifestHash.Compute(rows));
    }

    [Fact]
    public void Hash_does_not_depend_on_file_formatting()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("a.csv"), "image_id,patient_id,institution,image_path,annotation_path,label,split\r\nx,p,A,x.png,,no_fracture,train\r\ny,q,A,y.png,y.xml,,\r\n");
        File.WriteAllText(temp.File("b.csv"), "\uFEFF\"split\",\"label\",\"annotation_path\",\"image_path\",\"institution\",\"patient_id\",\"image_id\"\n"
            + ",,y.xml,y.png,A,q,y\ntrain,no_fracture,,x.png,A,p,x\n");
        Assert.Equal(ManifestReader.Read(temp.File("a.csv")).Sha256(), ManifestReader.Read(temp.File("b.csv")).Sha256());
    }

    [Fact]
    public void All_bad_rows_are_reported_at_once_with_line_and_column()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("m.csv"), string.Join("\n",
            "image_id,patient_id,institution,image_path,annotation_path,label,split,age,study_date,sex,laterality",
            "a,p1,A,a.png,,fracture,train,,,,",
            "b,,A,b.png,,no_fracture,training,,,,",
            "c,p3,A,c.png,,no_fracture,test,200,2021-13-01,X,up",
            "d,p4,A,d.png",
            "e,p5,A,e.png,,no_fracture,val,70,2020-01-02,m,R") + "\n");
        var error = Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("m.csv")));
        string message = error.Message;
        Assert.Contains("8 problems", message);
        Assert.Contains("line 2, label: 'fracture'", message);
        Assert.Contains("line 3, patient_id: ''", message);
        Assert.Contains("line 3, split: 'training'", message);
        Assert.Contains("line 4, age: '200'", message);
        Assert.Contains("line 4, study_date: '2021-13-01'", message);
        Assert.Contains("line 4, sex: 'X'", message);
        Assert.Contains("line 4, laterality: 'up'", message);
        Assert.Contains("line 5: 4 fields", message);
        Assert.DoesNotContain("line 6", message);
        Assert.Equal(temp.File("m.csv"), error.FilePath);
    }

    [Fact]
    public void Patient_in_two_splits_is_refused_on_read_and_on_write()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("leak.csv"), string.Join("\n",
            "image_id,patient_id,institution,image_path,annotation_path,label,split",
            "a,p1,A,a.png,,no_fracture,train",
            "b,p1,A,b.png,,no_fracture,test",
            "c,p2,A,c.png,,no_fracture,test",
            "c,p3,A,c2.png,,no_fracture,test") + "\n");
        var error = Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("leak.csv")));
        Assert.Contains("patient 'p1' is in more than one split (a leak): a in train, b in test", error.Message);
        Assert.Contains("image_id 'c' appears 2 times", error.Message);
        Assert.Throws<HipFxDataException>(() =>
            ManifestWriter.Write([Row("a", "p1", DatasetSplit.Train), Row("b", "p1", DatasetSplit.Val)], temp.File("out.csv")));
        Assert.False(File.Exists(temp.File("out.csv")));
    }

    [Fact]
    public void Unknown_and_missing_columns_are_named()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("m.csv"), "image_id,patient,institution,image_path,annotation_path,label,split\n");
        var error = Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("m.csv")));
        Assert.Contains("missing column(s) patient_id", error.Message);
        Assert.Contains("unknown column(s) patient", error.Message);
    }

    [Fact]
    public void Empty_and_missing_manifests_are_data_errors()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("e.csv"), "");
        Assert.Contains("empty", Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("e.csv"))).Message);
        Assert.Contains("not found", Assert.Throws<HipFxDataException>(() => ManifestReader.Read(temp.File("none.csv"))).Message);
    }
}
