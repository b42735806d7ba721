using HipFx.Core;
using HipFx.Data.Augment;

namespace HipFx.Data.Tests.Augment;

/// <summary>
/// A bright filled rectangle is augmented; wherever a box comes out, the bright pixels around it must reach its
/// edges within a pixel (the pixels and the box moved by the same map), for mosaic + affine, mixup and flip.
/// </summary>
public sealed class BoxExactnessTests : IDisposable
{
    private const int Size = 128;
    private readonly AugmentFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Flip_moves_the_box_with_the_pixels()
    {
        using var data = fixture.Open([fixture.Image("a", 200, 160, (30, 40, 90, 100, FractureClass.StableItf))], Size);
        var augmenter = new Augmenter(data, AugmentOptions.None with { FlipProbability = 1 });
        var (pixels, boxes) = Build(augmenter, 0, 0, mosaicOn: true);
        var box = Assert.Single(boxes).Box;
        Assert.True(box.X1 > Size / 2.0, $"a flipped left-side box should be on the right: {box}");
        AssertBoxMatchesPixels(pixels, box);
        AssertAllBrightCovered(pixels, boxes);
    }

    /// <summary>
    /// Without rotation the rectangle stays axis-aligned: box and pixels agree within a pixel. With rotation a
    /// rectangle touches its box only at its corners, where the bright wedge is thinner than a pixel, so the last
    /// bright pixel centre may sit up to about 2 px inside the corner's box edge. A rotated box cut by the output
    /// edge is looser by the official rule (corners first, then the clip), so those are not compared under rotation.
    /// </summary>
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(10.0, 2.5)]
    public void Mosaic_and_affine_move_every_kept_box_with_the_pixels(double degrees, double tolerance)
    {
        // 256² images with even edges: the cached 128² tile has sharp edges, so only the augmentation moves them.
        using var data = fixture.Open([fixture.Image("a", 256, 256, (100, 80, 180, 150, FractureClass.DisplacedFnf))], Size);
        var augmenter = new Augmenter(data, AugmentOptions.Default with { MixupProbability = 0, Degrees = degrees });
        int checkedBoxes = 0;
        for (int position = 0; position < 40; position++)
        {
            var (pixels, boxes) = Build(augmenter, 0, position, mosaicOn: true);
            foreach (var b in boxes)
            {
                Assert.True(b.Box.Width * b.Box.Height > 4);
                bool cut = b.Box.X1 <= 0 || b.Box.Y1 <= 0 || b.Box.X2 >= Size || b.Box.Y2 >= Size;
                if (cut && degrees > 0)
                {
                    continue;
                }
                AssertBoxMatchesPixels(pixels, b.Box, tolerance: tolerance);
                checkedBoxes++;
            }
        }
        Assert.True(checkedBoxes > 10, $"only {checkedBoxes} boxes survived 40 mosaics");
    }

    [Theory]
    [InlineData(0.6, false, 0, 0)]
    [InlineData(1.4, true, 20, 35)]
    [InlineData(1.0, true, 0, 0)]
    public void Mixup_moves_the_second_image_boxes_with_its_pixels(double jitter, bool mirror, int xOffset, int yOffset)
    {
        // A portrait image: letterboxed (aspect kept) from its stretched tile; the mosaic under it is black, so the
        // blend of its bright rectangle (125) stands out from the blended borders (57 or 0).
        using var data = fixture.Open([fixture.Image("b", 128, 256, (20, 100, 80, 180, FractureClass.UnstableItf))], Size);
        var layout = new MixupLayout(Size, 128, 256, jitter, mirror, xOffset, yOffset);
        // Pooled tables may come back holding anything another renter left in them.
        var dirty = System.Buffers.ArrayPool<int>.Shared.Rent(4 * Size);
        Array.Fill(dirty, int.MaxValue);
        System.Buffers.ArrayPool<int>.Shared.Return(dirty);
        var pixels = new byte[Size * Size];
        layout.Blend(data.Tile(0), pixels, flipOutput: false);
        var boxes = new List<GroundTruthBox>();
        layout.MoveBoxes(data.Boxes[0], boxes);
        var box = Assert.Single(boxes).Box;
        AssertBoxMatchesPixels(pixels, box, threshold: 90);
        AssertAllBrightCovered(pixels, boxes, threshold: 90);
        Assert.Contains(pixels, p => p == 57); // the letterbox border (114) blended
    }

    [Fact]
    public void Mosaic_with_mixup_keeps_only_boxes_that_are_not_degenerate()
    {
        using var data = fixture.Open(
        [
            fixture.Image("a", 256, 256, (100, 80, 180, 150, FractureClass.DisplacedFnf)),
            fixture.Image("b", 128, 256, (20, 100, 80, 180, FractureClass.UnstableItf)),
        ], Size);
        var augmenter = new Augmenter(data, AugmentOptions.Default with { MixupProbability = 1 });
        bool sawSecond = false;
        for (int position = 0; position < 30; position++)
        {
            var (_, boxes) = Build(augmenter, 0, position, mosaicOn: true);
            Assert.All(boxes, b => Assert.True(b.Box.Width * b.Box.Height > 4, b.Box.ToString()));
            sawSecond |= boxes.Any(b => b.Class == FractureClass.UnstableItf);
        }
        Assert.True(sawSecond);
    }

    [Fact]
    public void A_box_outside_every_canvas_is_dropped_not_degenerate()
    {
        // Translation at its extreme pushes much of the canvas out; no box may come out empty or inverted.
        using var data = fixture.Open([fixture.Image("a", 200, 160, (0, 0, 12, 12, FractureClass.StableItf))], Size);
        var augmenter = new Augmenter(data, AugmentOptions.Default with { MosaicScaleMin = 0.1, MosaicScaleMax = 0.3 });
        for (int position = 0; position < 50; position++)
        {
            var (_, boxes) = Build(augmenter, 0, position, mosaicOn: true);
            Assert.All(boxes, b => Assert.True(b.Box.Width > 0 && b.Box.Height > 0 && b.Box.X1 >= 0 && b.Box.X2 <= Size, b.Box.ToString()));
        }
    }

    internal static (byte[] Pixels, List<GroundTruthBox> Boxes) Build(Augmenter augmenter, int index, int position, bool mosaicOn, int epoch = 0)
    {
        var pixels = new byte[augmenter.Size * augmenter.Size];
        var boxes = new List<GroundTruthBox>();
        augmenter.Build(index, SampleRandom.For(7, epoch, position), mosaicOn, pixels, boxes);
        return (pixels, boxes);
    }

    /// <summary>The bright pixels near the box (within 2 px) span it within a pixel on every side.</summary>
    private static void AssertBoxMatchesPixels(byte[] pixels, Box box, int threshold = 120, double tolerance = 1)
    {
        int x0 = Math.Max(0, (int)Math.Floor(box.X1) - 3), x1 = Math.Min(Size, (int)Math.Ceiling(box.X2) + 3);
        int y0 = Math.Max(0, (int)Math.Floor(box.Y1) - 3), y1 = Math.Min(Size, (int)Math.Ceiling(box.Y2) + 3);
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                if (pixels[y * Size + x] >= threshold)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x + 1);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y + 1);
                }
            }
        }
        Assert.True(minX != double.MaxValue, $"no bright pixel under box {box}");
        var seen = new Box(minX, minY, maxX, maxY);
        Assert.True(Math.Abs(seen.X1 - box.X1) <= tolerance && Math.Abs(seen.Y1 - box.Y1) <= tolerance
            && Math.Abs(seen.X2 - box.X2) <= tolerance && Math.Abs(seen.Y2 - box.Y2) <= tolerance, $"box {box}, bright pixels {seen}");
    }

    private static void AssertAllBrightCovered(byte[] pixels, List<GroundTruthBox> boxes, int threshold = 120)
    {
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                if (pixels[y * Size + x] >= threshold)
                {
                    Assert.Contains(boxes, b => x + 0.5 > b.Box.X1 - 1 && x + 0.5 < b.Box.X2 + 1 && y + 0.5 > b.Box.Y1 - 1 && y + 0.5 < b.Box.Y2 + 1);
                }
            }
        }
    }
}
