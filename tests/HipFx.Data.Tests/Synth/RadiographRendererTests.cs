using HipFx.Core;
using HipFx.Data.Synth;

namespace HipFx.Data.Tests.Synth;

public class RadiographRendererTests
{
    private static (SynthScene Scene, ushort[] Display) Render(ImageLabel label, bool left = false, int size = 256)
    {
        var plan = new ImagePlan
        {
            Index = 5, ImageId = "A_000006", PatientId = "SYNA00001", Institution = InstitutionProfile.A, Label = label,
            LeftHip = left, Sex = "F", Age = 80, StudyDate = new DateOnly(2020, 1, 1), StudyNumber = 1,
        };
        var scene = SynthScene.Sample(plan, size, 0.5, seed: 11);
        var buffers = new RenderBuffers(size);
        new RadiographRenderer(new TextureBank(11)).Render(scene, buffers);
        return (scene, buffers.Display);
    }

    private static double Mean(SynthScene scene, ushort[] display, System.Numerics.Vector2 anatomyPoint, int radius = 2)
    {
        var p = scene.AnatomyToPixel.Apply(anatomyPoint);
        double sum = 0;
        int n = 0;
        for (int y = (int)p.Y - radius; y <= (int)p.Y + radius; y++)
        {
            for (int x = (int)p.X - radius; x <= (int)p.X + radius; x++)
            {
                sum += display[y * scene.Size + x];
                n++;
            }
        }
        return sum / n;
    }

    [Fact]
    public void BoneIsBrighterThanSoftTissueAndSoftTissueThanAir()
    {
        var (scene, display) = Render(ImageLabel.NoFracture);
        var hip = scene.Anatomy;
        double shaft = Mean(scene, display, hip.NeckBase + hip.ShaftAxis * 90);
        double soft = Mean(scene, display, hip.NeckBase + hip.ShaftAxis * 90 - hip.Lateral * (hip.ShaftRadius + 15));
        double air = Mean(scene, display, new System.Numerics.Vector2(hip.SkinEdgeX - 20, 60));
        Assert.True(shaft > soft + 2000, $"shaft {shaft:0} vs soft tissue {soft:0}");
        Assert.True(soft > air + 2000, $"soft tissue {soft:0} vs air {air:0}");
    }

    [Fact]
    public void ShaftCortexIsBrighterThanTheMarrowCanal()
    {
        var (scene, display) = Render(ImageLabel.NoFracture, size: 512);
        var hip = scene.Anatomy;
        var level = hip.NeckBase + hip.ShaftAxis * 110;
        double centre = Mean(scene, display, level, 1);
        double rim = Mean(scene, display, level + hip.Lateral * (hip.ShaftRadius - 3), 1);
        Assert.True(rim > centre + 1000, $"cortex {rim:0} vs canal {centre:0}");
    }

    [Fact]
    public void LeftHipsAreMirroredAndCarryAnLMarker()
    {
        var (right, _) = Render(ImageLabel.NoFracture, left: false);
        var (left, _) = Render(ImageLabel.NoFracture, left: true);
        // The greater trochanter is lateral: image left for a right hip, image right for a left hip.
        var gtRight = right.AnatomyToPixel.Apply(right.Anatomy.GreaterTrochanter);
        var headRight = right.AnatomyToPixel.Apply(System.Numerics.Vector2.Zero);
        var gtLeft = left.AnatomyToPixel.Apply(left.Anatomy.GreaterTrochanter);
        var headLeft = left.AnatomyToPixel.Apply(System.Numerics.Vector2.Zero);
        Assert.True(gtRight.X < headRight.X);
        Assert.True(gtLeft.X > headLeft.X);
    }

    [Fact]
    public void AFractureLineIsDarkerThanTheIntactBoneAndLiesInItsBox()
    {
        var (intactScene, intact) = Render(ImageLabel.NoFracture, size: 512);
        var (scene, fractured) = Render(ImageLabel.StableItf, size: 512);
        Assert.Null(intactScene.Box);
        var box = scene.Box!.Value;
        // Same seed and index: identical anatomy and pose, so the difference is the fracture.
        double before = 0, after = 0;
        foreach (var point in scene.Fracture.BoxPoints)
        {
            var p = scene.AnatomyToPixel.Apply(point);
            Assert.InRange(p.X, box.X1, box.X2);
            Assert.InRange(p.Y, box.Y1, box.Y2);
            int i = (int)p.Y * scene.Size + (int)p.X;
            before += intact[i];
            after += fractured[i];
        }
        Assert.True(after < before * 0.95, $"line {after / scene.Fracture.BoxPoints.Count:0} vs intact {before / scene.Fracture.BoxPoints.Count:0}");
    }
}
