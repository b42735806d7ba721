using System.Numerics;
using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>
/// Fracture patterns from their clinical definitions (SPEC.md "The classes"), placed on a
/// <see cref="HipAnatomy"/>. <c>difficulty</c> runs from 0 (textbook: wide displacement, clear lines) to 1
/// (subtle: little displacement, faint lines, and displaced and valgus-impacted neck fractures that
/// look alike). Rotations are in the anatomy frame (x medial, y down), so a positive angle turns the
/// head-neck fragment into varus and a negative one into valgus.
/// </summary>
public static class FractureModels
{
    private const float Deg = MathF.PI / 180;

    public static FemurFracture Create(FractureClass fractureClass, HipAnatomy hip, SynthRandom rng, double difficulty) =>
        fractureClass switch
        {
            FractureClass.DisplacedFnf => DisplacedNeck(hip, rng, (float)difficulty),
            FractureClass.ValgusImpactedFnf => ValgusImpactedNeck(hip, rng, (float)difficulty),
            FractureClass.StableItf => StableIntertrochanteric(hip, rng, (float)difficulty),
            FractureClass.UnstableItf => UnstableIntertrochanteric(hip, rng, (float)difficulty),
            _ => throw new ArgumentOutOfRangeException(nameof(fractureClass), fractureClass, "unknown fracture class"),
        };

    private static float Lerp(float easy, float hard, float d) => easy + (hard - easy) * d;

    private static float Jitter(SynthRandom rng, float value, float spread = 0.25f) =>
        value * (float)rng.Uniform(1 - spread, 1 + spread);

    private static Vector2 Rotate(Vector2 v, float radians) =>
        new(v.X * MathF.Cos(radians) - v.Y * MathF.Sin(radians), v.X * MathF.Sin(radians) + v.Y * MathF.Cos(radians));

    /// <summary>Garden III/IV: a complete neck line; the head rotates in the socket, the shaft rides up and out.</summary>
    private static FemurFracture DisplacedNeck(HipAnatomy hip, SynthRandom rng, float d)
    {
        float rh = hip.HeadRadius;
        var at = -hip.NeckAxis * (rh * (float)rng.Uniform(0.85, 1.35));
        var normal = Rotate(hip.NeckAxis, (float)rng.Uniform(-22, 22) * Deg);
        var cut = FractureCut.Line(at, normal, rng, Lerp(1.6f, 1.0f, d));
        float headTurn = Jitter(rng, Lerp(26, 7, d)) * Deg * (rng.Chance(0.85) ? 1 : -0.5f);
        float shift = Jitter(rng, Lerp(13, 3.0f, d));
        var displacement = -hip.ShaftAxis * (shift * (float)rng.Uniform(0.6, 1.0))
            + hip.Lateral * (shift * (float)rng.Uniform(0.15, 0.6));
        var shaftPlacement = Affine2.Translation(displacement)
            .After(Affine2.Rotation((float)rng.Uniform(-3, 3) * Deg, hip.NeckBase));
        var head = new FemurFragment(Affine2.Rotation(headTurn, Vector2.Zero), [(0, 1)], Rect2.Around(Vector2.Zero, rh * 1.9f, rh * 1.9f));
        var shaft = new FemurFragment(shaftPlacement, [], hip.FemurBounds);
        string garden = shift > 7 ? "Garden IV" : "Garden III";
        var fracture = new FemurFracture(FractureClass.DisplacedFnf, [cut], [head, shaft],
            Lerp(0.65f, 0.3f, d), 0.1f, Lerp(1.1f, 0.8f, d),
            $"displaced femoral neck fracture ({garden}): head turned {headTurn / Deg:0}°, shaft shifted {shift:0.0} mm");
        return WithBox(fracture, hip, Rect2.Around(at, rh * 1.6f, rh * 1.6f));
    }

    /// <summary>Garden I/II: a subcapital line, the head tilted into valgus and driven onto the neck (a dense band).</summary>
    private static FemurFracture ValgusImpactedNeck(HipAnatomy hip, SynthRandom rng, float d)
    {
        float rh = hip.HeadRadius;
        var at = -hip.NeckAxis * (rh * (float)rng.Uniform(0.75, 1.0));
        var normal = Rotate(hip.NeckAxis, (float)rng.Uniform(-12, 12) * Deg);
        var cut = FractureCut.Line(at, normal, rng, Lerp(1.2f, 0.8f, d));
        float tilt = -Jitter(rng, Lerp(13, 7, d)) * Deg;
        float impaction = Jitter(rng, Lerp(4.0f, 1.6f, d));
        bool impacted = !rng.Chance(0.15 + 0.3 * d); // otherwise Garden II-like: a thin, complete, undisplaced line
        var head = new FemurFragment(Affine2.Rotation(tilt, Vector2.Zero), [(0, 1)], Rect2.Around(Vector2.Zero, rh * 1.9f, rh * 1.9f));
        var shaft = new FemurFragment(Affine2.Translation(hip.NeckAxis * (impacted ? impaction : 0.3f)), [], hip.FemurBounds);
        var fracture = new FemurFracture(FractureClass.ValgusImpactedFnf, [cut], [head, shaft],
            impacted ? Lerp(0.25f, 0.1f, d) : Lerp(0.6f, 0.35f, d),
            impacted ? Lerp(0.18f, 0.06f, d) : 0.05f,
            Lerp(1.4f, 0.9f, d),
            $"valgus-impacted femoral neck fracture ({(impacted ? "Garden I, impacted" : "Garden II")}): valgus tilt {-tilt / Deg:0}°, impaction {(impacted ? impaction : 0):0.0} mm");
        return WithBox(fracture, hip, Rect2.Around(at, rh * 1.6f, rh * 1.6f));
    }

    /// <summary>Two-part Evans stable: a line from the greater trochanter to just above an intact lesser trochanter.</summary>
    private static FemurFracture StableIntertrochanteric(HipAnatomy hip, SynthRandom rng, float d)
    {
        float rh = hip.HeadRadius;
        var lateralStart = hip.GreaterTrochanter + hip.Lateral * (0.5f * rh) + hip.ShaftAxis * (rh * (float)rng.Uniform(-0.45, 0.0));
        var medialEnd = hip.LesserTrochanter - hip.ShaftAxis * (rh * (float)rng.Uniform(0.5, 0.7)) + hip.Lateral * (0.15f * rh);
        var cut = FractureCut.Through(lateralStart, medialEnd, Vector2.Zero, rng, Lerp(1.6f, 1.0f, d));
        float varus = Jitter(rng, Lerp(5, 1.5f, d)) * Deg;
        float shift = Jitter(rng, Lerp(1.5f, 0.3f, d));
        var proximal = new FemurFragment(
            Affine2.Translation(-hip.ShaftAxis * shift).After(Affine2.Rotation(varus, medialEnd)), [(0, 1)], hip.FemurBounds);
        var shaft = new FemurFragment(Affine2.Identity, [], hip.FemurBounds);
        var fracture = new FemurFracture(FractureClass.StableItf, [cut], [proximal, shaft],
            Lerp(0.6f, 0.3f, d), 0.1f, Lerp(1.1f, 0.8f, d),
            $"stable intertrochanteric fracture (two-part): varus {varus / Deg:0.0}°, lesser trochanter intact");
        return WithBox(fracture, hip, Rect2.Empty.Include(lateralStart).Include(medialEnd).Inflate(rh * 0.8f));
    }

    /// <summary>Evans unstable: comminuted with a detached lesser trochanter (posteromedial fragment), or reverse oblique.</summary>
    private static FemurFracture UnstableIntertrochanteric(HipAnatomy hip, SynthRandom rng, float d)
    {
        float rh = hip.HeadRadius;
        var medial = -hip.Lateral;
        var lt = hip.LesserTrochanter;
        if (rng.Chance(0.3))
        {
            // Reverse oblique: from the lateral cortex below the trochanter up to the medial side above the lesser trochanter.
            var lateralLow = hip.NeckBase + hip.Lateral * (hip.ShaftRadius + 4) + hip.ShaftAxis * (rh * (float)rng.Uniform(1.5, 2.1));
            var medialHigh = lt - hip.ShaftAxis * (rh * 0.55f) + hip.Lateral * (0.2f * rh);
            var cut = FractureCut.Through(lateralLow, medialHigh, Vector2.Zero, rng, Lerp(1.8f, 1.2f, d),
                stopAfterB: hip.ShaftRadius * 0.6f);
            float medialisation = Jitter(rng, Lerp(10, 3.5f, d));
            var proximal = new FemurFragment(Affine2.Rotation(-Jitter(rng, Lerp(8, 3, d)) * Deg, hip.GreaterTrochanter), [(0, 1)], hip.FemurBounds);
            var shaft = new FemurFragment(Affine2.Translation(medial * medialisation - hip.ShaftAxis * (medialisation * 0.5f)), [], hip.FemurBounds);
            var reverse = new FemurFracture(FractureClass.UnstableItf, [cut], [proximal, shaft],
                Lerp(0.65f, 0.35f, d), 0.15f, Lerp(1.2f, 0.9f, d),
                $"unstable intertrochanteric fracture (reverse oblique): shaft medialised {medialisation:0.0} mm");
            return WithBox(reverse, hip, Rect2.Empty.Include(lateralLow).Include(medialHigh).Inflate(rh * 0.9f));
        }

        // Comminuted: main line into the lesser trochanter, a posteromedial fragment, maybe a greater-trochanter fragment.
        var lateralStart = hip.GreaterTrochanter + hip.Lateral * (0.5f * rh) + hip.ShaftAxis * (rh * (float)rng.Uniform(-0.45, 0.0));
        var medialEnd = lt - hip.ShaftAxis * (rh * (float)rng.Uniform(0.1, 0.35)) + hip.Lateral * (0.3f * rh);
        var main = FractureCut.Through(lateralStart, medialEnd, Vector2.Zero, rng, Lerp(2.0f, 1.3f, d));
        float ltAngle = MathF.Atan2(hip.ShaftAxis.Y, hip.ShaftAxis.X) - MathF.PI / 2;
        var ltCut = FractureCut.Ellipse(lt + medial * (0.1f * rh), hip.LesserTrochanterSize * 1.5f + 3, rh * 0.8f, ltAngle, rng, 1.0f);
        var cuts = new List<FractureCut> { main, ltCut };
        float varus = Jitter(rng, Lerp(15, 5, d)) * Deg;
        float shift = Jitter(rng, Lerp(9, 3, d));
        float ltShift = Jitter(rng, Lerp(9, 3.5f, d));
        var ltPlacement = Affine2.Translation(medial * ltShift - hip.ShaftAxis * (ltShift * 0.7f))
            .After(Affine2.Rotation((float)rng.Uniform(-25, 25) * Deg, lt));
        var fragments = new List<FemurFragment>();
        var proximalSides = new List<(int, int)> { (0, 1), (1, -1) };
        string extra = "";
        if (rng.Chance(0.4))
        {
            var gtCut = FractureCut.Ellipse(hip.GreaterTrochanter + hip.Lateral * (0.25f * rh) - hip.ShaftAxis * (0.4f * rh),
                rh * 0.55f, rh * 0.75f, ltAngle, rng, 1.2f);
            cuts.Add(gtCut);
            proximalSides.Add((2, -1));
            float gtShift = Jitter(rng, Lerp(6, 2, d));
            fragments.Add(new FemurFragment(
                Affine2.Translation(hip.Lateral * gtShift - hip.ShaftAxis * (gtShift * 0.5f)), [(2, 1)], hip.FemurBounds));
            extra = ", greater-trochanter fragment";
        }
        fragments.Add(new FemurFragment(
            Affine2.Translation(-hip.ShaftAxis * (shift * 0.4f)).After(Affine2.Rotation(varus, medialEnd)), proximalSides, hip.FemurBounds));
        // The posteromedial fragment comes first: it owns its whole outline, whichever side of the main line.
        fragments.Insert(0, new FemurFragment(ltPlacement, [(1, 1)], Rect2.Around(lt, rh * 1.5f, rh * 1.5f)));
        fragments.Add(new FemurFragment(Affine2.Translation(medial * (shift * 0.5f) - hip.ShaftAxis * shift), [], hip.FemurBounds));
        var fracture = new FemurFracture(FractureClass.UnstableItf, [.. cuts], fragments,
            Lerp(0.65f, 0.35f, d), 0.2f, Lerp(1.2f, 0.9f, d),
            $"unstable intertrochanteric fracture (comminuted): varus {varus / Deg:0}°, lesser trochanter displaced {ltShift:0.0} mm{extra}");
        return WithBox(fracture, hip, Rect2.Empty.Include(lateralStart).Include(medialEnd).Include(lt).Inflate(rh * 1.0f));
    }

    /// <summary>Collects the points the box must enclose from <paramref name="region"/> and sets the margin a surgeon
    /// leaves around them: 0.3 femoral-head radii for every pattern.</summary>
    private static FemurFracture WithBox(FemurFracture fracture, HipAnatomy hip, Rect2 region)
    {
        fracture.CollectBoxPoints(hip.Femur, region);
        fracture.BoxMargin = hip.HeadRadius * 0.3f;
        return fracture;
    }
}
