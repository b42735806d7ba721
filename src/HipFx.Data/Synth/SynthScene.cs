using System.Numerics;
using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>A gas bubble in the bowel over the pelvis: a soft dark blob (pixels).</summary>
public readonly record struct GasShadow(float X, float Y, float Rx, float Ry, float Strength);

/// <summary>
/// Everything random about one image, drawn from its own generator: anatomy, fracture, pose in the
/// field, collimation, marker and the exposure of this shot. Rendering is then deterministic.
/// </summary>
public sealed class SynthScene
{
    private SynthScene() { }

    public required ImagePlan Plan { get; init; }

    /// <summary>The dataset seed the scene was drawn with.</summary>
    public required long Seed { get; init; }

    public required int Size { get; init; }

    /// <summary>Millimetres per pixel.</summary>
    public required double PixelSpacing { get; init; }

    public required HipAnatomy Anatomy { get; init; }

    public required FemurFracture Fracture { get; init; }

    /// <summary>Maps pixel coordinates (pixel centres at +0.5) to anatomy millimetres.</summary>
    public required Affine2 PixelToAnatomy { get; init; }

    public required Affine2 AnatomyToPixel { get; init; }

    /// <summary>The ground-truth box (pixels), or null for no fracture.</summary>
    public required Box? Box { get; init; }

    /// <summary>Collimated field: inset of each edge (pixels) and a small tilt (radians).</summary>
    public required float CollimationLeft { get; init; }

    public required float CollimationRight { get; init; }

    public required float CollimationTop { get; init; }

    public required float CollimationBottom { get; init; }

    public required float CollimationTilt { get; init; }

    /// <summary>Top-left of the side marker and the size of one glyph cell (pixels).</summary>
    public required Vector2 MarkerOrigin { get; init; }

    public required float MarkerCell { get; init; }

    public required IReadOnlyList<GasShadow> Gas { get; init; }

    /// <summary>This shot's processing: density at black, density range, gamma, noise, sharpening.</summary>
    public required float Black { get; init; }

    public required float Latitude { get; init; }

    public required float Gamma { get; init; }

    public required float Noise { get; init; }

    public required float Sharpen { get; init; }

    /// <summary>Heel effect: density added from the top to the bottom edge of the image (anode-side falloff).</summary>
    public required float Heel { get; init; }

    /// <summary>Soft-tissue attenuation per mm and body depth scale (mm).</summary>
    public required float SoftTissue { get; init; }

    public required float BodyDepth { get; init; }

    /// <summary>Offsets into the shared noise and texture fields.</summary>
    public required int NoiseOffsetX { get; init; }

    public required int NoiseOffsetY { get; init; }

    public required float TextureOffsetU { get; init; }

    public required float TextureOffsetV { get; init; }

    /// <summary>Draws the scene for <paramref name="plan"/>; <paramref name="difficulty"/> in [0, 1].</summary>
    public static SynthScene Sample(ImagePlan plan, int size, double difficulty, long seed)
    {
        var rng = new SynthRandom(seed, stream: 0x5CE7E, index: plan.Index);
        var profile = plan.Institution;
        double fov = profile.FieldOfViewMm * rng.Uniform(0.93, 1.07);
        double spacing = fov / size;
        var anatomy = HipAnatomy.Sample(rng, plan.Sex == "M");
        var fracture = plan.Label.ToFractureClass() is { } fc
            ? FractureModels.Create(fc, anatomy, new SynthRandom(seed, stream: 0xF4AC, index: plan.Index), difficulty)
            : FemurFracture.Intact();

        // Pose: where the head sits in the field, magnification, a small tilt; left hips are mirrored.
        float headX = (float)(fov * rng.Uniform(0.52, 0.6));
        float headY = (float)(fov * rng.Uniform(0.32, 0.40));
        if (plan.LeftHip)
        {
            headX = (float)fov - headX;
        }
        float magnification = (float)rng.Uniform(0.9, 1.1);
        float tilt = (float)rng.Normal(0, 3.0 * Math.PI / 180, -0.12, 0.12);
        var pixelToMm = new Affine2((float)spacing, 0, 0, (float)spacing, 0.5f * (float)spacing, 0.5f * (float)spacing);
        var mmToAnatomy = Affine2.Scale(plan.LeftHip ? -1f / magnification : 1f / magnification, 1f / magnification)
            .After(Affine2.Rotation(-tilt, Vector2.Zero))
            .After(Affine2.Translation(new Vector2(-headX, -headY)));
        var pixelToAnatomy = mmToAnatomy.After(pixelToMm);
        var anatomyToPixel = pixelToAnatomy.Inverse();

        Box? box = null;
        if (fracture.Class is not null && fracture.BoxPoints.Count > 0)
        {
            var r = fracture.BoxPoints.Aggregate(Rect2.Empty, (acc, p) => acc.Include(anatomyToPixel.Apply(p)));
            float margin = fracture.BoxMargin * magnification / (float)spacing;
            r = r.Inflate(margin);
            box = new Box(Math.Clamp(Math.Floor(r.X1), 0, size - 1), Math.Clamp(Math.Floor(r.Y1), 0, size - 1),
                Math.Clamp(Math.Ceiling(r.X2), 1, size), Math.Clamp(Math.Ceiling(r.Y2), 1, size));
        }

        float inset = (float)(profile.Collimation * size);
        float Inset() => (float)(inset * rng.Uniform(0.2, 1.8));
        float cell = size * 0.011f;
        bool high = profile.MarkerHigh ^ rng.Chance(0.15);
        // The marker goes on the lateral side: the image left for a right hip (AP view).
        float mx = plan.LeftHip ? size - inset * 1.8f - 8 * cell : inset * 1.8f + 2 * cell;
        float my = high ? inset * 1.8f + 2 * cell : size - inset * 1.8f - 10 * cell;

        var gas = new List<GasShadow>();
        int gasCount = rng.Next(0, 5);
        for (int i = 0; i < gasCount; i++)
        {
            var c = anatomyToPixel.Apply(new Vector2((float)rng.Uniform(30, 140), (float)rng.Uniform(-130, -20)));
            float rad = (float)(rng.Uniform(8, 28) / spacing);
            gas.Add(new GasShadow(c.X, c.Y, rad * (float)rng.Uniform(0.6, 1.4), rad * (float)rng.Uniform(0.6, 1.4), (float)rng.Uniform(0.08, 0.3)));
        }

        return new SynthScene
        {
            Plan = plan, Seed = seed, Size = size, PixelSpacing = spacing, Anatomy = anatomy, Fracture = fracture,
            PixelToAnatomy = pixelToAnatomy, AnatomyToPixel = anatomyToPixel, Box = box,
            CollimationLeft = Inset(), CollimationRight = Inset(), CollimationTop = Inset(), CollimationBottom = Inset(),
            CollimationTilt = (float)rng.Normal(0, 0.012, -0.03, 0.03),
            MarkerOrigin = new Vector2(mx, my), MarkerCell = cell, Gas = gas,
            Black = (float)rng.Normal(0.35, 0.08),
            Latitude = (float)(profile.Latitude * rng.Uniform(0.9, 1.1)),
            Gamma = (float)(profile.Gamma * rng.Uniform(0.88, 1.12)),
            Noise = (float)(profile.Noise * rng.Uniform(0.75, 1.3)),
            Sharpen = (float)(profile.Sharpen * rng.Uniform(0.7, 1.3)),
            SoftTissue = (float)rng.Uniform(0.0038, 0.005),
            Heel = (float)rng.Uniform(-0.12, 0.12),
            BodyDepth = (float)rng.Uniform(110, 190),
            NoiseOffsetX = rng.Next(0, TextureBank.NoiseSide), NoiseOffsetY = rng.Next(0, TextureBank.NoiseSide),
            TextureOffsetU = (float)rng.Uniform(0, TextureBank.TrabecularSide),
            TextureOffsetV = (float)rng.Uniform(0, TextureBank.TrabecularSide),
        };
    }
}
