using System.Numerics;

namespace HipFx.Data.Synth;

/// <summary>
/// A fracture surface in the bone's undisplaced frame (mm): a jagged line, or the outline of an
/// ellipse (a small fragment such as the lesser trochanter). <see cref="Side"/> is positive on one
/// side and negative on the other, and its magnitude is roughly the distance to the surface.
/// </summary>
public readonly struct FractureCut
{
    public bool IsEllipse { get; init; }

    /// <summary>Line: a point on it. Ellipse: its centre.</summary>
    public Vector2 Origin { get; init; }

    /// <summary>Line: unit normal (the positive side).</summary>
    public Vector2 Normal { get; init; }

    /// <summary>Ellipse: semi-axes and rotation.</summary>
    public float Rx { get; init; }

    public float Ry { get; init; }

    public float Angle { get; init; }

    /// <summary>Jaggedness of the surface (mm) at two wavelengths.</summary>
    public float Amp1 { get; init; }

    public float Freq1 { get; init; }

    public float Phase1 { get; init; }

    public float Amp2 { get; init; }

    public float Freq2 { get; init; }

    public float Phase2 { get; init; }

    /// <summary>
    /// Line cuts: the stretch (mm along the line from <see cref="Origin"/>) where the cut exists; beyond it
    /// every point counts as the positive side, so a line through the trochanters cannot also split the head.
    /// </summary>
    public float AlongMin { get; init; }

    public float AlongMax { get; init; }

    /// <summary>Whether <see cref="AlongMin"/>..<see cref="AlongMax"/> bound the line (else it is endless).</summary>
    public bool Bounded { get; init; }

    /// <summary>A jagged line through <paramref name="origin"/>; <paramref name="normal"/> points to the positive side.</summary>
    public static FractureCut Line(Vector2 origin, Vector2 normal, SynthRandom rng, float jagged) => new()
    {
        Origin = origin, Normal = Vector2.Normalize(normal),
        Amp1 = jagged * (float)rng.Uniform(0.5, 1.0), Freq1 = (float)rng.Uniform(0.25, 0.45), Phase1 = (float)rng.Uniform(0, 6.28),
        Amp2 = jagged * (float)rng.Uniform(0.1, 0.25), Freq2 = (float)rng.Uniform(0.6, 1.0), Phase2 = (float)rng.Uniform(0, 6.28),
    };

    /// <summary>A jagged line through two points; the positive side is to the left of a → b (x right, y down).</summary>
    /// <remarks>
    /// With <paramref name="stopAfterB"/>, the cut ends that many mm beyond <paramref name="b"/> (everything further
    /// along counts as the positive side); otherwise it is endless.
    /// </remarks>
    public static FractureCut Through(Vector2 a, Vector2 b, Vector2 positiveSide, SynthRandom rng, float jagged, float? stopAfterB = null)
    {
        var d = Vector2.Normalize(b - a);
        var n = new Vector2(-d.Y, d.X);
        if (Vector2.Dot(positiveSide - a, n) < 0)
        {
            n = -n;
        }
        var cut = Line(a, n, rng, jagged);
        if (stopAfterB is not { } overshoot)
        {
            return cut;
        }
        // along = (−n.Y, n.X)·(p − a): the sign depends on which normal was kept.
        float alongB = -n.Y * (b.X - a.X) + n.X * (b.Y - a.Y);
        return alongB >= 0
            ? cut with { Bounded = true, AlongMin = float.NegativeInfinity, AlongMax = alongB + overshoot }
            : cut with { Bounded = true, AlongMin = alongB - overshoot, AlongMax = float.PositiveInfinity };
    }

    /// <summary>An ellipse outline; positive inside.</summary>
    public static FractureCut Ellipse(Vector2 center, float rx, float ry, float angle, SynthRandom rng, float jagged) => new()
    {
        IsEllipse = true, Origin = center, Rx = rx, Ry = ry, Angle = angle,
        Amp1 = jagged * (float)rng.Uniform(0.5, 1.0), Freq1 = (float)rng.Uniform(3, 5), Phase1 = (float)rng.Uniform(0, 6.28),
        Amp2 = jagged * 0.3f, Freq2 = (float)rng.Uniform(7, 11), Phase2 = (float)rng.Uniform(0, 6.28),
    };

    /// <summary>Line cuts: the jagged offset tabulated along the line, every <see cref="WiggleStep"/> mm from −<see cref="WiggleReach"/>.</summary>
    private float[]? Wiggle { get; init; }

    private const float WiggleStep = 0.2f, WiggleReach = 400f;

    /// <summary>What <see cref="Side"/> returns beyond a bounded line's ends: far on the positive side.</summary>
    private const float Outside = 1000f;

    /// <summary>This cut with its jagged offset tabulated (line cuts), so <see cref="Side"/> needs no trigonometry.</summary>
    public FractureCut Tabulated()
    {
        if (IsEllipse)
        {
            return this;
        }
        var table = new float[(int)(2 * WiggleReach / WiggleStep) + 2];
        for (int i = 0; i < table.Length; i++)
        {
            float along = -WiggleReach + i * WiggleStep;
            table[i] = Amp1 * MathF.Sin(Freq1 * along + Phase1) + Amp2 * MathF.Sin(Freq2 * along + Phase2);
        }
        return this with { Wiggle = table };
    }

    /// <summary>Signed distance-like value at (x, y): positive on the positive side.</summary>
    public float Side(float x, float y)
    {
        float px = x - Origin.X, py = y - Origin.Y;
        if (!IsEllipse)
        {
            float along = -Normal.Y * px + Normal.X * py;
            if (Bounded && (along < AlongMin || along > AlongMax))
            {
                return Outside;
            }
            float wiggle;
            if (Wiggle is { } table)
            {
                int i = (int)((Math.Clamp(along, -WiggleReach, WiggleReach) + WiggleReach) * (1 / WiggleStep));
                wiggle = table[i];
            }
            else
            {
                wiggle = Amp1 * MathF.Sin(Freq1 * along + Phase1) + Amp2 * MathF.Sin(Freq2 * along + Phase2);
            }
            return Normal.X * px + Normal.Y * py + wiggle;
        }
        float c = MathF.Cos(Angle), s = MathF.Sin(Angle);
        float u = (c * px + s * py) / Rx, v = (-s * px + c * py) / Ry;
        float rho = MathF.Sqrt(u * u + v * v);
        float theta = MathF.Atan2(v, u);
        float wobble = Amp1 * MathF.Sin(Freq1 * theta + Phase1) + Amp2 * MathF.Sin(Freq2 * theta + Phase2);
        return (1 - rho) * MathF.Min(Rx, Ry) + wobble;
    }
}

/// <summary>
/// One bone fragment: the part of the undisplaced femur on given sides of some cuts, and where it
/// went (<see cref="Placement"/> maps undisplaced mm to displaced mm).
/// </summary>
public sealed record FemurFragment(Affine2 Placement, IReadOnlyList<(int Cut, int Sign)> Sides, Rect2 Extent)
{
    /// <summary>The rest of the femur: whatever no other fragment claims.</summary>
    public bool IsRemainder => Sides.Count == 0;

    /// <summary>Whether an undisplaced point belongs to this fragment's own cut sides (not valid for the remainder).</summary>
    public bool Claims(ReadOnlySpan<FractureCut> cuts, float x, float y)
    {
        foreach (var (cut, sign) in Sides)
        {
            if (cuts[cut].Side(x, y) * sign <= 0)
            {
                return false;
            }
        }
        return true;
    }
}
