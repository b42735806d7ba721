using System.Globalization;
using HipFx.Data.Images;
using HipFx.Tests;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>The unmutated inputs, read once: shared DICOM files, a small real radiograph, VOC, manifest,
/// detections, COCO ground truth, reader-study truth and reads, and (made on first use) a model checkpoint.</summary>
internal sealed class FuzzCorpus
{
    private static readonly string[] DicomNames =
    [
        "CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm",
        "JPGExtended.dcm", "image_dfl.dcm", "ExplVR_BigEnd.dcm", "CR1_6154.dcm", "MR_small_jpeg_ls_lossless.dcm",
        "SC_rgb_jpeg_dcmtk.dcm", "JLSL_16_15_1_1F.dcm", "emri_small.dcm",
    ];

    private string? checkpoint;
    private readonly object gate = new();

    public FuzzCorpus(string folder)
    {
        Folder = Directory.CreateDirectory(folder).FullName;
        Dicoms = DicomNames.Select(n => (n, File.ReadAllBytes(RepoPaths.SharedFile("data", "dicom", n)))).ToList();
        Image = File.ReadAllBytes(RepoPaths.SharedFile("data", "xray", "images", "IMG0000453.jpg"));
        string imagePath = Path.Combine(Folder, "a.jpg");
        File.WriteAllBytes(imagePath, Image);
        var header = RadiographLoader.ReadHeader(imagePath);
        (Width, Height) = (header.Width, header.Height);
        Vocs = Directory.EnumerateFiles(RepoPaths.SharedFile("data", "voc"), "*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        Truth = "image_id,label\n" + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"img{i:D2},{Labels[i % 5]}")) + "\n";
        File.WriteAllText(Path.Combine(Folder, "truth.csv"), Truth);
        var sim = CliRunner.Run("readers", "simulate", "--truth", Path.Combine(Folder, "truth.csv"), "--out", Path.Combine(Folder, "reads.csv"), "--seed", "3");
        if (sim.ExitCode != 0)
        {
            throw new InvalidOperationException(sim.Err);
        }
        Reads = File.ReadAllText(Path.Combine(Folder, "reads.csv"));
    }

    private static readonly string[] Labels = ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf", "no_fracture"];

    public string Folder { get; }

    public IReadOnlyList<(string Name, byte[] Bytes)> Dicoms { get; }

    public byte[] Image { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The shared VOC files (LabelImg, VOC2012, CVAT-style), as text.</summary>
    public IReadOnlyList<string> Vocs { get; }

    public string Truth { get; }

    public string Reads { get; }

    /// <summary>A LabelImg file for the corpus image with one box of a known class.</summary>
    public string Voc(string filename) => string.Create(CultureInfo.InvariantCulture, $"""
        <annotation verified="yes">
          <folder>in</folder>
          <filename>{filename}</filename>
          <size><width>{Width}</width><height>{Height}</height><depth>1</depth></size>
          <segmented>0</segmented>
          <object>
            <name>displaced_fnf</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>
            <bndbox><xmin>10</xmin><ymin>12</ymin><xmax>{Width / 2}</xmax><ymax>{Height / 2}</ymax></bndbox>
          </object>
        </annotation>
        """);

    public string Manifest => "image_id,patient_id,institution,image_path,annotation_path,label,split\n" +
        "a,p1,h,a.jpg,a.xml,,test\nb,p2,h,b.jpg,,no_fracture,test\nc,p3,h,c.jpg,,no_fracture,train\n";

    public const string Detections = """
        [{"image_id": "a", "category_id": 1, "bbox": [10, 12, 150, 200], "score": 0.9},
         {"image_id": "b", "category_id": 3, "bbox": [50.5, 50, 20, 20], "score": 0.3},
         {"image_id": 1, "category_id": 2, "bbox": [1, 2, 3, 4], "score": 0.05}]
        """;

    public const string GroundTruth = """
        {"images": [
           {"id": 1, "file_name": "a.png", "width": 100, "height": 100, "patient_id": "p1", "split": "test"},
           {"id": 2, "file_name": "b.png", "width": 100, "height": 100, "patient_id": "p2", "label": "no_fracture", "split": "test"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 40, 30], "area": 1200, "iscrowd": 0}],
         "categories": [{"id": 1, "name": "displaced_fnf"}, {"id": 2, "name": "valgus_impacted_fnf"},
                        {"id": 3, "name": "stable_itf"}, {"id": 4, "name": "unstable_itf"}]}
        """;

    /// <summary>A small checkpoint (128 px input), saved on first use.</summary>
    public string Checkpoint
    {
        get
        {
            lock (gate)
            {
                if (checkpoint is null)
                {
                    string path = Path.Combine(Folder, "model.safetensors");
                    using var model = HipFx.Model.DamoYolo.Tiny(2);
                    HipFx.Model.Weights.ModelCheckpoint.Save(path, model,
                        new HipFx.Model.Weights.ModelMetadata { Classes = ["displaced_fnf", "valgus_impacted_fnf"], InputWidth = 128, InputHeight = 128 });
                    checkpoint = path;
                }
                return checkpoint;
            }
        }
    }

    /// <summary>The three valid images of the manifest (a, b, c) and a.xml, written into <paramref name="folder"/>.</summary>
    public void WriteDataset(string folder)
    {
        foreach (var name in new[] { "a.jpg", "b.jpg", "c.jpg" })
        {
            File.WriteAllBytes(Path.Combine(folder, name), Image);
        }
        File.WriteAllText(Path.Combine(folder, "a.xml"), Voc("a.jpg"));
    }
}
