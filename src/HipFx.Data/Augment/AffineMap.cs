using HipFx.Core;

namespace HipFx.Data.Augment;

/// <summary>
/// A 2-D affine map (x, y) ↦ (A·x + B·y + C, D·x + E·y + F) in continuous pixel coordinates (pixel i spans
/// [i, i+1], its centre at i + 0.5), so pixels and box edges move by the same map.
/// </summary>
public readonly record struct AffineMap(double A, double B, double C, double D, double E, double F)
{
    public static AffineMap Identity { get; } = new(1, 0, 0, 0, 1, 0);

    public static AffineMap Translation(double x, double y) => new(1, 0, x, 0, 1, y);

    public static AffineMap Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0);

    /// <summary>Rotation by <paramref name="degrees"/> with isotropic <paramref name="scale"/> about the origin, as
    /// OpenCV's getRotationMatrix2D builds it (positive turns counter-clockwise on screen, y down).</summary>
    public static AffineMap RotationScale(double degrees, double scale)
    {
        double r = degrees * Math.PI / 180;
        double a = scale * Math.Cos(r), b = scale * Math.Sin(r);
        return new(a, b, 0, -b, a, 0);
    }

    /// <summary>Shear: x += tan(<paramref name="xDegrees"/>)·y, y += tan(<paramref name="yDegrees"/>)·x.</summary>
    public static AffineMap Shear(double xDegrees, double yDegrees) =>
        new(1, Math.Tan(xDegrees * Math.PI / 180), 0, Math.Tan(yDegrees * Math.PI / 180), 1, 0);

    /// <summary>Horizontal mirror of a plane <paramref name="width"/> wide: x ↦ width − x.</summary>
    public static AffineMap MirrorX(double width) => new(-1, 0, width, 0, 1, 0);

    /// <summary>"First <paramref name="first"/>, then this".</summary>
    public AffineMap After(AffineMap first) => new(
        A * first.A + B * first.D, A * first.B + B * first.E, A * first.C + B * first.F + C,
        D * first.A + E * first.D, D * first.B + E * first.E, D * first.C + E * first.F + F);

    public AffineMap Inverse()
    {
        double det = A * E - B * D;
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException("the affine map is not invertible");
        }
        double ia = E / det, ib = -B / det, id = -D / det, ie = A / det;
        return new(ia, ib, -(ia * C + ib * F), id, ie, -(id * C + ie * F));
    }

    public (double X, double Y) Apply(double x, double y) => (A * x + B * y + C, D * x + E * y + F);

    /// <summary>The bounding box of <paramref name="box"/>'s four corners after the map.</summary>
    public Box Apply(Box box)
    {
        var (ax, ay) = Apply(box.X1, box.Y1);
        var (bx, by) = Apply(box.X2, box.Y1);
        var (cx, cy) = Apply(box.X1, box.Y2);
        var (dx, dy) = Apply(box.X2, box.Y2);
        return new Box(Math.Min(Math.Min(ax, bx), Math.Min(cx, dx)), Math.Min(Math.Min(ay, by), Math.Min(cy, dy)),
            Math.Max(Math.Max(ax, bx), Math.Max(cx, dx)), Math.Max(Math.Max(ay, by), Math.Max(cy, dy)));
    }
}
