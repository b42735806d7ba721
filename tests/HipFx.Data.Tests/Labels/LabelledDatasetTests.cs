using HipFx.Core;
using HipFx.Data.Labels;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Labels;

public class LabelledDatasetTests
{
    private static readonly Box Left = new(10, 10, 40, 40);
    private static readonly Box Right = new(70, 10, 95, 40);

    [Fact]
    public void The_truth_rule_label_then_boxes_with_the_lowest_class_id_then_verified_empty_else_unknown()
    {
        var several = new[] { new GroundTruthBox(FractureClass.UnstableItf, Left), new GroundTruthBox(FractureClass.ValgusImpactedFnf, Right) };
        Assert.Equal((ImageLabel.StableItf, TruthSource.ManifestLabel), ImageTruth.Decide(ImageLabel.StableItf, several, false));
        Assert.Equal((ImageLabel.ValgusImpactedFnf, TruthSource.Boxes), ImageTruth.Decide(null, several, false));
        Assert.Equal((ImageLabel.ValgusImpactedFnf, TruthSource.Boxes), ImageTruth.Decide(null, several.Reverse().ToList(), false));
        Assert.True(ImageTruth.HasSeveralClasses(several));
        Assert.Equal((ImageLabel.NoFracture, TruthSource.VerifiedEmpty), ImageTruth.Decide(null, [], true));
        Assert.Equal(((ImageLabel?)null, TruthSource.Unreviewed), ImageTruth.Decide(null, [], false));
    }

    [Fact]
    public void Load_gives_records_in_id_order_with_the_real_image_size_and_lists_unreviewed_images_apart()
    {
        using var tmp = RepoPaths.NewTempFolder();
        void Png(string name, int w, int h)
        {
            using var image = new Image<L8>(w, h);
            image.SaveAsPng(tmp.File(name));
        }
        void Voc(string name, int sizeW, int sizeH, bool verified, params (string Class, Box Box)[] boxes)
        {
            var annotation = VocAnnotation.ForImage(name + ".png", sizeW, sizeH, [], verified: verified) with
            {
                Objects = boxes.Select(b => VocObject.Create(b.Class, b.Box, sizeW, sizeH)).ToList(),
            };
            VocWriter.Write(annotation, tmp.File(name + ".xml"));
        }
        Png("b.png", 120, 60);
        Png("a.png", 100, 50);
        Png("c.png", 100, 50);
        Png("d.png", 100, 50);
        Voc("b", 999, 999, false, ("stable_itf", Right), ("displaced_fnf", Left)); // wrong <size>: the image's wins
        Voc("c", 100, 50, true);
        Voc("d", 100, 50, false);
        File.WriteAllText(tmp.File("m.csv"), """
            image_id,patient_id,institution,image_path,annotation_path,label,split
            b,p1,A,b.png,b.xml,,test
            a,p2,A,a.png,,unstable_itf,test
            c,p3,A,c.png,c.xml,,test
            d,p4,A,d.png,d.xml,,test
            """);

        var set = LabelledDataset.Load(tmp.File("m.csv"), DatasetSplit.Test);

        Assert.Equal(["a", "b", "c"], set.Images.Select(i => i.ImageId));
        Assert.Equal(["d"], set.Unreviewed);
        var b = set.Images[1];
        Assert.Equal((ImageLabel.DisplacedFnf, TruthSource.Boxes, 120, 60), (b.Label, b.Source, b.Width, b.Height));
        Assert.Equal(2, b.Boxes.Count);
        Assert.Equal((ImageLabel.UnstableItf, TruthSource.ManifestLabel), (set.Images[0].Label, set.Images[0].Source));
        Assert.Equal((ImageLabel.NoFracture, TruthSource.VerifiedEmpty), (set.Images[2].Label, set.Images[2].Source));
        Assert.Equal(tmp.File("a.png"), set.Images[0].ImageFile);
    }
}
