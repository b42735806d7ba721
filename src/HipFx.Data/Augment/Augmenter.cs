using HipFx.Core;
using HipFx.Data.Cache;

namespace HipFx.Data.Augment;

/// <summary>
/// Builds one augmented training sample from the cached planes, the official DAMO-YOLO-T recipe
/// (damo-yolo-t.md section 5.4, <see cref="AugmentOptions"/>): while mosaic is on, with probability mosaic_prob a
/// 4-image mosaic around a random centre, warped by the random affine (rotation, scale, shear, translation) to S×S
/// with border 114, then with probability mixup_prob (when the mosaic kept a box) a second labelled image blended in;
/// otherwise (and in the no-aug phase) the plain stretched image. Then the horizontal flip. All geometric steps are
/// composed into one inverse map per output pixel that samples the cached tiles directly (<see cref="MosaicSampler"/>);
/// the boxes follow the same maps (<see cref="BoxRules"/>). Box-level SADA is left out (optional in the official code).
/// One deliberate difference: the warp samples at pixel centres (x + 0.5) where OpenCV's warpAffine uses integer
/// pixel positions, so pixels and boxes move by exactly the same map.
/// Thread-safe: it holds no per-sample state.
/// </summary>
public sealed class Augmenter
{
    private readonly CachedDataset data;
    private readonly AugmentOptions options;

    public Augmenter(CachedDataset data, AugmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data;
        this.options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
    }

    public int Size => data.Size;

    /// <summary>
    /// Builds the sample around image <paramref name="index"/> into <paramref name="output"/> (Size×Size bytes) and
    /// its boxes (network-input pixels) into <paramref name="boxes"/> (cleared first). <paramref name="mosaicOn"/> is
    /// false in the no-aug phase. Every random choice comes from <paramref name="random"/>.
    /// </summary>
    public void Build(int index, SampleRandom random, bool mosaicOn, Span<byte> output, List<GroundTruthBox> boxes)
    {
        int s = data.Size;
        if (output.Length < s * s)
        {
            throw new ArgumentException($"the output holds {output.Length} bytes, a sample needs {s * s}", nameof(output));
        }
        output = output[..(s * s)];
        boxes.Clear();
        bool mosaic = mosaicOn && options.MosaicProbability > 0 && random.Chance(options.MosaicProbability);
        if (mosaic)
        {
            BuildMosaic(index, ref random, output, boxes);
        }
        else
        {
            bool flip = random.Chance(options.FlipProbability);
            Plain(data.Tile(index), output, s, flip);
            foreach (var b in data.Boxes[index])
            {
                boxes.Add(flip ? b with { Box = AffineMap.MirrorX(s).Apply(b.Box) } : b);
            }
        }
    }

    private void BuildMosaic(int index, ref SampleRandom random, Span<byte> output, List<GroundTruthBox> boxes)
    {
        int s = data.Size;
        int xc = (int)random.Uniform(0.5 * s, 1.5 * s);
        int yc = (int)random.Uniform(0.5 * s, 1.5 * s);
        Span<int> tiles = [index, random.NextBelow(data.Count), random.NextBelow(data.Count), random.NextBelow(data.Count)];
        double angle = random.Uniform(-options.Degrees, options.Degrees);
        double scale = random.Uniform(options.MosaicScaleMin, options.MosaicScaleMax);
        double shearX = random.Uniform(-options.Shear, options.Shear);
        double shearY = random.Uniform(-options.Shear, options.Shear);
        double tx = random.Uniform(0.5 - options.Translate, 0.5 + options.Translate) * s;
        double ty = random.Uniform(0.5 - options.Translate, 0.5 + options.Translate) * s;
        bool mixupDraw = random.Chance(options.MixupProbability);
        int mixupPick = data.Labelled.Count > 0 ? data.Labelled[random.NextBelow(data.Labelled.Count)] : -1;
        var mixupRandom = random.Fork(); // the mixup layout's own draws
        bool flip = random.Chance(options.FlipProbability);

        // canvas → output: M = T·Sh·R·C (C moves the 2S×2S canvas centre to the origin).
        var canvasToOutput = AffineMap.Translation(tx, ty)
            .After(AffineMap.Shear(shearX, shearY))
            .After(AffineMap.RotationScale(angle, scale))
            .After(AffineMap.Translation(-s, -s));

        // Boxes: shifted onto the canvas, clipped to it, warped, clipped to the output, the keep rule.
        for (int k = 0; k < 4; k++)
        {
            var (ox, oy) = MosaicSampler.Offset(k, s, xc, yc);
            foreach (var b in data.Boxes[tiles[k]])
            {
                var placed = new Box(b.Box.X1 + ox, b.Box.Y1 + oy, b.Box.X2 + ox, b.Box.Y2 + oy);
                // The tile's visible part is its quadrant of the canvas.
                var visible = Intersect(placed, new Box(Math.Max(ox, 0), Math.Max(oy, 0), Math.Min(ox + s, 2 * s), Math.Min(oy + s, 2 * s)));
                if (visible.Width <= 0 || visible.Height <= 0)
                {
                    continue;
                }
                var warped = BoxRules.Clip(canvasToOutput.Apply(visible), s, s);
                if (BoxRules.KeepAfterAffine(visible, warped, scale))
                {
                    boxes.Add(b with { Box = warped });
                }
            }
        }

        var sampler = new MosaicSampler(data.Tile(tiles[0]), data.Tile(tiles[1]), data.Tile(tiles[2]), data.Tile(tiles[3]), s, xc, yc);
        var outputToCanvas = canvasToOutput.Inverse();
        sampler.Sample(flip ? outputToCanvas.After(AffineMap.MirrorX(s)) : outputToCanvas, output);

        if (boxes.Count > 0 && mixupDraw && mixupPick >= 0)
        {
            var size = data.OriginalSize(mixupPick);
            var layout = MixupLayout.Draw(ref mixupRandom, s, size.Width, size.Height, options);
            layout.MoveBoxes(data.Boxes[mixupPick], boxes);
            layout.Blend(data.Tile(mixupPick), output, flip);
        }

        boxes.RemoveAll(b => !BoxRules.KeepAfterMosaic(b.Box));
        if (flip)
        {
            var mirror = AffineMap.MirrorX(s);
            for (int i = 0; i < boxes.Count; i++)
            {
                boxes[i] = boxes[i] with { Box = mirror.Apply(boxes[i].Box) };
            }
        }
    }

    /// <summary>The plain path: the cached plane as it is, or mirrored.</summary>
    private static void Plain(ReadOnlySpan<byte> tile, Span<byte> output, int s, bool flip)
    {
        tile.CopyTo(output);
        if (flip)
        {
            for (int y = 0; y < s; y++)
            {
                output.Slice(y * s, s).Reverse();
            }
        }
    }

    private static Box Intersect(Box a, Box b) =>
        new(Math.Max(a.X1, b.X1), Math.Max(a.Y1, b.Y1), Math.Min(a.X2, b.X2), Math.Min(a.Y2, b.Y2));
}
