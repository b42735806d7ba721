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
        var (right, rightDisplay) = Render(ImageLabel.NoFracture, left: false);
        var (left, leftDisplay) = Render(ImageLabel.NoFracture, left: true);
        // The greater trochanter is lateral: image left for a right hip, image right for a left hip.
        var gtRight = right.AnatomyToPixel.Apply(right.Anatomy.GreaterTrochanter);
        var headRight = right.AnatomyToPixel.Apply(System.Numerics.Vector2.Zero);
        var gtLeft = left.AnatomyToPixel.Apply(left.Anatomy.GreaterTrochanter);
        var headLeft = left.AnatomyToPixel.Apply(System.Numerics.Vector2.Zero);
        Assert.True(gtRight.X < headRight.X);
        Assert.True(gtLeft.X > headLeft.X);
        // The lead letter on a 5 x 7 cell grid: cells only an "L" has (the foot of the L) and cells only an "R" has
        // (its bowl). The letter's cells are brighter (lead absorbs) than the other letter's.
        (int Col, int Row)[] onlyL = [(1, 6), (2, 6), (3, 6)];
        (int Col, int Row)[] onlyR = [(1, 0), (2, 0), (4, 1), (4, 2), (1, 3), (2, 3)];
        double leftL = MarkerCells(left, leftDisplay, onlyL), leftR = MarkerCells(left, leftDisplay, onlyR);
        double rightL = MarkerCells(right, rightDisplay, onlyL), rightR = MarkerCells(right, rightDisplay, onlyR);
        Assert.True(leftL > leftR + 2000, $"left hip: L cells {leftL:0} vs R cells {leftR:0}");
        Assert.True(rightR > rightL + 2000, $"right hip: R cells {rightR:0} vs L cells {rightL:0}");
    }

    /// <summary>Mean display value at the centres of the given marker cells.</summary>
    private static double MarkerCells(SynthScene scene, ushort[] display, (int Col, int Row)[] cells) =>
        cells.Average(c =>
        {
            int x = (int)(scene.MarkerOrigin.X + (c.Col + 0.5f) * scene.MarkerCell);
            int y = (int)(scene.MarkerOrigin.Y + (c.Row + 0.5f) * scene.MarkerCell);
            return (double)display[y * scene.Size + x];
        });

    [Fact]
    public void AFractureLineIsDarkerThanTheIntactBoneAndLiesInItsBox()
    {
        var (intactScene, intact) = Render(ImageLabel.NoFracture, size: 512);
        var (scene, fractured) = Render(ImageLabel.StableItf, size: 512);
        Assert.Null(intactScene.Box);
        var box = scene.Box!.Value;
        int n = scene.Size;
        // Same seed and index: identical anatomy and pose, so the difference is the fracture.
        double before = 0, after = 0;
        foreach (var point in scene.Fracture.BoxPoints)
        {
            var p = scene.AnatomyToPixel.Apply(point);
            int i = (int)p.Y * n + (int)p.X;
            before += intact[i];
            after += fractured[i];
        }
        Assert.True(after < before * 0.95, $"line {after / scene.Fracture.BoxPoints.Count:0} vs intact {before / scene.Fracture.BoxPoints.Count:0}");
        // Independently of the points the box was built from: the pixels the fracture changed strongly (the line,
        // and edges of the displaced fragment) are far denser inside the box than outside, and the box is small.
        int changedInside = 0, changedOutside = 0, pixelsInside = 0;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                bool inBox = x + 0.5 >= box.X1 && x + 0.5 <= box.X2 && y + 0.5 >= box.Y1 && y + 0.5 <= box.Y2;
                bool changed = Math.Abs(fractured[y * n + x] - intact[y * n + x]) >= 4000;
                pixelsInside += inBox ? 1 : 0;
                changedInside += inBox && changed ? 1 : 0;
                changedOutside += !inBox && changed ? 1 : 0;
            }
        }
        double densityInside = (double)changedInside / pixelsInside;
        double densityOutside = (double)changedOutside / (n * n - pixelsInside);
        Assert.True(densityInside > 5 * densityOutside,
            $"strongly changed pixels: {densityInside:P1} of the box {box}, {densityOutside:P1} of the rest");
        Assert.True(box.Area < 0.15 * n * n, $"box {box} covers {box.Area / (n * n):P0} of the image");
    }
}
