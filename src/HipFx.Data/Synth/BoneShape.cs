using System.Numerics;

namespace HipFx.Data.Synth;

/// <summary>How a <see cref="BoneShape"/> is projected.</summary>
public enum BoneShapeKind
{
    /// <summary>A tube with rounded ends whose radius runs linearly from A to B (neck, shaft, rami).</summary>
    Capsule,

    /// <summary>An ellipsoid seen along its depth axis (head, trochanters, iliac wing, tuberosity).</summary>
    Ellipsoid,

    /// <summary>An ellipsoidal block with a spherical socket cut out (the acetabulum around the femoral head).</summary>
    Socket,
}

/// <summary>
/// One bone primitive, in millimetres: projected, it gives the X-ray path length through the whole bone
/// (<c>outer</c>) and through its marrow (<c>inner</c>); the cortex is the difference, so cortical rims come
/// out brighter than trabecular bone on their own, as on a radiograph.
/// </summary>
public readonly struct BoneShape
{
    public BoneShapeKind Kind { get; init; }

    public Vector2 A { get; init; }

    public Vector2 B { get; init; }

    /// <summary>Capsule: radius at A. Ellipsoid/socket: semi-axis along the rotated x axis.</summary>
    public float R0 { get; init; }

    /// <summary>Capsule: radius at B. Ellipsoid/socket: semi-axis along the rotated y axis.</summary>
    public float R1 { get; init; }

    /// <summary>Ellipsoid/socket: semi-axis along the beam.</summary>
    public float Depth { get; init; }

    /// <summary>Ellipsoid/socket: rotation in radians.</summary>
    public float Angle
    {
        get => angle;
        init
        {
            angle = value;
            cos = MathF.Cos(value);
            sin = MathF.Sin(value);
        }
    }

    private readonly float angle, cos, sin;

    /// <summary>Cortical thickness (mm); for a capsule, at A.</summary>
    public float Cortex { get; init; }

    /// <summary>Capsule: cortical thickness at B (mm).</summary>
    public float CortexB { get; init; }

    /// <summary>Socket: semi-axis of the ellipsoidal cavity centred at <see cref="B"/>, along the rotated x axis (and along the beam).</summary>
    public float SocketRadius { get; init; }

    /// <summary>Socket: semi-axis of the cavity along the rotated y axis.</summary>
    public float SocketRadiusY { get; init; }

    /// <summary>Attenuation of the marrow space per mm relative to cortical bone (0..1).</summary>
    public float Marrow { get; init; }

    /// <summary>Bounding box in mm.</summary>
    public Rect2 Bounds { get; init; }

    public static BoneShape Capsule(Vector2 a, Vector2 b, float r0, float r1, float cortex, float marrow, float? cortexB = null) => new()
    {
        Kind = BoneShapeKind.Capsule, A = a, B = b, R0 = r0, R1 = r1, Cortex = cortex, CortexB = cortexB ?? cortex, Marrow = marrow,
        Bounds = Rect2.Around(a, r0, r0).Union(Rect2.Around(b, r1, r1)),
    };

    public static BoneShape Ellipsoid(Vector2 c, float rx, float ry, float depth, float angle, float cortex, float marrow)
    {
        float r = Math.Max(rx, ry);
        return new()
        {
            Kind = BoneShapeKind.Ellipsoid, A = c, R0 = rx, R1 = ry, Depth = depth, Angle = angle, Cortex = cortex,
            Marrow = marrow, Bounds = Rect2.Around(c, r, r),
        };
    }

    public static BoneShape Socket(Vector2 c, float rx, float ry, float depth, float angle, float cortex, float marrow,
        Vector2 cavity, float cavityRadius, float? cavityRadiusY = null)
    {
        var e = Ellipsoid(c, rx, ry, depth, angle, cortex, marrow);
        return e with { Kind = BoneShapeKind.Socket, B = cavity, SocketRadius = cavityRadius, SocketRadiusY = cavityRadiusY ?? cavityRadius };
    }

    /// <summary>Path lengths (mm) through the whole bone and through its marrow at point (x, y).</summary>
    public void Project(float x, float y, out float outer, out float inner)
    {
        outer = 0;
        inner = 0;
        switch (Kind)
        {
            case BoneShapeKind.Capsule:
            {
                float abx = B.X - A.X, aby = B.Y - A.Y;
                float apx = x - A.X, apy = y - A.Y;
                float t = Math.Clamp((apx * abx + apy * aby) / (abx * abx + aby * aby), 0f, 1f);
                float dx = apx - t * abx, dy = apy - t * aby;
                float d2 = dx * dx + dy * dy;
                float r = R0 + t * (R1 - R0);
                float o = r * r - d2;
                if (o <= 0)
                {
                    return;
                }
                outer = 2 * MathF.Sqrt(o);
                float ri = r - (Cortex + t * (CortexB - Cortex));
                float i = ri * ri - d2;
                inner = i > 0 ? 2 * MathF.Sqrt(i) : 0;
                return;
            }
            default:
            {
                float c = cos, s = sin;
                float px = x - A.X, py = y - A.Y;
                float u = c * px + s * py, v = -s * px + c * py;
                float ro = 1 - (u * u) / (R0 * R0) - (v * v) / (R1 * R1);
                if (ro <= 0)
                {
                    return;
                }
                outer = 2 * Depth * MathF.Sqrt(ro);
                float ax = R0 - Cortex, ay = R1 - Cortex, az = Depth - Cortex;
                float ri = 1 - (u * u) / (ax * ax) - (v * v) / (ay * ay);
                inner = ri > 0 ? 2 * az * MathF.Sqrt(ri) : 0;
                if (Kind == BoneShapeKind.Socket)
                {
                    float qx = x - B.X, qy = y - B.Y;
                    float qu = c * qx + s * qy, qv = -s * qx + c * qy;
                    float rc = SocketRadius, rcy = SocketRadiusY, rl = rc + Cortex, rly = rcy + Cortex;
                    float h = 1 - (qu * qu) / (rc * rc) - (qv * qv) / (rcy * rcy);
                    float l = 1 - (qu * qu) / (rl * rl) - (qv * qv) / (rly * rly);
                    float hollow = h > 0 ? 2 * rc * MathF.Sqrt(h) : 0;
                    float lining = l > 0 ? 2 * rl * MathF.Sqrt(l) : 0;
                    outer = MathF.Max(0, outer - hollow);
                    inner = MathF.Max(0, MathF.Min(inner - lining, outer));
                }
                return;
            }
        }
    }
}
