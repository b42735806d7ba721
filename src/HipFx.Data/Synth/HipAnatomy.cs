using System.Numerics;

namespace HipFx.Data.Synth;

/// <summary>
/// The bones of one synthetic hip, in millimetres, drawn as a right hip seen AP (x toward the patient's
/// midline, y toward the feet, femoral head centre at the origin). A left hip is the mirror image; the
/// scene does the mirroring. Landmarks are kept so fracture models can place their lines clinically.
/// </summary>
public sealed class HipAnatomy
{
    private HipAnatomy() { }

    public float HeadRadius { get; private init; }

    /// <summary>Unit vector along the neck axis, from the neck base toward the head.</summary>
    public Vector2 NeckAxis { get; private init; }

    /// <summary>Where the neck axis meets the shaft axis (mm).</summary>
    public Vector2 NeckBase { get; private init; }

    public float NeckLength { get; private init; }

    public float NeckRadius { get; private init; }

    /// <summary>Unit vector down the shaft.</summary>
    public Vector2 ShaftAxis { get; private init; }

    /// <summary>Unit vector perpendicular to the shaft, pointing laterally (away from the midline).</summary>
    public Vector2 Lateral { get; private init; }

    public float ShaftRadius { get; private init; }

    public Vector2 GreaterTrochanter { get; private init; }

    public Vector2 LesserTrochanter { get; private init; }

    public float LesserTrochanterSize { get; private init; }

    /// <summary>Lateral edge of the soft tissue at y = 0 and its slope dx/dy (mm).</summary>
    public float SkinEdgeX { get; private init; }

    public float SkinSlope { get; private init; }

    public IReadOnlyList<BoneShape> Femur { get; private init; } = [];

    public IReadOnlyList<BoneShape> Pelvis { get; private init; } = [];

    public Rect2 FemurBounds { get; private init; }

    public Rect2 PelvisBounds { get; private init; }

    /// <summary>Samples a hip; <paramref name="male"/> makes the bones a little larger.</summary>
    public static HipAnatomy Sample(SynthRandom rng, bool male)
    {
        float rh = (float)rng.Normal(male ? 25.0 : 22.5, 1.3, 19, 29);
        float nsa = (float)(rng.Normal(130, 4, 118, 142) * Math.PI / 180);
        float tilt = (float)(rng.Normal(7, 2, 2, 12) * Math.PI / 180);
        // External rotation of the leg foreshortens the neck and shows more of the lesser trochanter.
        float externalRotation = (float)rng.Uniform(-0.1, 0.45);

        var shaft = new Vector2(MathF.Sin(tilt), MathF.Cos(tilt));
        var lateral = new Vector2(-shaft.Y, shaft.X);
        var medial = -lateral;
        float thetaShaft = MathF.Atan2(shaft.Y, shaft.X);
        var neck = new Vector2(MathF.Cos(thetaShaft - nsa), MathF.Sin(thetaShaft - nsa));
        float neckLength = rh * (float)rng.Normal(2.35, 0.12, 2.0, 2.7) * (1 - 0.25f * Math.Max(0, externalRotation));
        var head = Vector2.Zero;
        var neckBase = head - neck * neckLength;
        float neckRadius = rh * (float)rng.Normal(0.64, 0.04, 0.55, 0.74);
        float shaftRadius = rh * (float)rng.Normal(0.6, 0.035, 0.52, 0.68);
        float shaftCortex = (float)rng.Normal(5.0, 0.9, 3.0, 7.0);
        float trabecular = (float)rng.Normal(0.34, 0.05, 0.22, 0.45);

        var gt = neckBase + lateral * (0.62f * rh) - shaft * (0.45f * rh);
        float ltSize = rh * (0.3f + 0.25f * Math.Clamp(externalRotation + 0.2f, 0, 0.65f));
        var lt = neckBase + shaft * (1.05f * rh) + medial * (shaftRadius + 0.35f * ltSize);

        var femur = new BoneShape[]
        {
            // 0 head: thin subchondral cortex, dense cancellous bone.
            BoneShape.Ellipsoid(head, rh, rh, rh * 0.9f, 0, 1.4f, trabecular * 0.92f),
            // 1 neck: from the head to the base, widening; the calcar makes the base cortex thicker.
            BoneShape.Capsule(head - neck * (0.3f * rh), neckBase, neckRadius, neckRadius * 1.32f, 1.8f, trabecular),
            // 2 intertrochanteric block: wide at the top, tapering into the shaft.
            BoneShape.Capsule(neckBase + shaft * (0.35f * rh) + lateral * (0.1f * rh), neckBase + shaft * (2.7f * rh), 0.95f * rh, shaftRadius * 1.04f, 2.0f, trabecular * 0.9f, shaftCortex),
            // 3 shaft: thick cortex, fatty marrow.
            BoneShape.Capsule(neckBase + shaft * (2.2f * rh), neckBase + shaft * (20f * rh), shaftRadius * 1.04f, shaftRadius * 0.93f, shaftCortex, 0.12f),
            // 4 greater trochanter.
            BoneShape.Ellipsoid(gt, 0.62f * rh, 0.95f * rh, 0.7f * rh, thetaShaft - MathF.PI / 2, 1.5f, trabecular * 0.8f),
            // 5 lesser trochanter.
            BoneShape.Ellipsoid(lt, ltSize, 0.55f * rh, 0.4f * rh, thetaShaft - MathF.PI / 2, 1.3f, trabecular * 0.8f),
        };

        float pelvisScale = rh / 24f * (float)rng.Normal(1, 0.04, 0.9, 1.1);
        Vector2 P(float x, float y) => new(x * pelvisScale, y * pelvisScale);
        float s = pelvisScale;
        float gap = (float)rng.Normal(3.2, 0.5, 1.8, 4.5);
        var pelvis = new BoneShape[]
        {
            // Iliac wing: a thin plate; its edge-on rim gives the bright crest line.
            BoneShape.Ellipsoid(P(-22, -88), 104 * s, 58 * s, 7 * s, -0.5f, 2.4f, 0.35f),
            // Supra-acetabular body: dense bone above the socket.
            BoneShape.Ellipsoid(P(6, -34), 46 * s, 32 * s, 15 * s, 0.3f, 2.2f, 0.28f),
            // Acetabulum: bone around the socket; the socket lining is the sourcil.
            BoneShape.Socket(P(12, -4), rh + 13 * s, rh + 10 * s, rh + 2 * s, 0.5f, 2.4f, 0.18f, head, rh + gap),
            // Teardrop (medial acetabular wall).
            BoneShape.Capsule(P(30, -12), P(31, 26), 5 * s, 4 * s, 1.6f, 0.2f),
            // Obturator ring: a plate with the foramen cut out; the foramen's rim shows as a cortical line.
            BoneShape.Socket(P(66, 58), 64 * s, 50 * s, 9 * s, 0.35f, 2.2f, 0.3f, P(64, 60), 36 * s, 24 * s),
            // Superior pubic ramus toward the symphysis.
            BoneShape.Capsule(P(16, 14), P(112, 24), 13 * s, 9 * s, 1.8f, 0.3f),
            // Pubic body at the symphysis.
            BoneShape.Capsule(P(114, 24), P(120, 80), 13 * s, 12 * s, 1.8f, 0.3f),
            // Ischial body down from the acetabulum.
            BoneShape.Capsule(P(8, 26), P(28, 96), 18 * s, 12 * s, 1.8f, 0.3f),
            // Ischial tuberosity.
            BoneShape.Ellipsoid(P(42, 110), 24 * s, 16 * s, 16 * s, 0.3f, 2.0f, 0.3f),
        };

        float skin = gt.X - 0.6f * rh - (float)rng.Uniform(25, 55);
        return new HipAnatomy
        {
            HeadRadius = rh, NeckAxis = neck, NeckBase = neckBase, NeckLength = neckLength, NeckRadius = neckRadius,
            ShaftAxis = shaft, Lateral = lateral, ShaftRadius = shaftRadius, GreaterTrochanter = gt,
            LesserTrochanter = lt, LesserTrochanterSize = ltSize, SkinEdgeX = skin,
            SkinSlope = (float)rng.Uniform(0.08, 0.22), Femur = femur, Pelvis = pelvis,
            FemurBounds = Bounds(femur), PelvisBounds = Bounds(pelvis),
        };
    }

    private static Rect2 Bounds(IEnumerable<BoneShape> shapes) =>
        shapes.Aggregate(Rect2.Empty, (r, s) => r.Union(s.Bounds));
}
