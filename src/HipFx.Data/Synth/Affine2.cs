using System.Numerics;

namespace HipFx.Data.Synth;

/// <summary>A 2-D affine map p ↦ (A·p + t), used to move between pixels, millimetres and bone fragments.</summary>
public readonly record struct Affine2(float M11, float M12, float M21, float M22, float Tx, float Ty)
{
    public static Affine2 Identity { get; } = new(1, 0, 0, 1, 0, 0);

    /// <summary>Rotation by <paramref name="radians"/> (x right, y down: positive turns x toward y) about <paramref name="center"/>.</summary>
    public static Affine2 Rotation(double radians, Vector2 center)
    {
        float c = (float)Math.Cos(radians), s = (float)Math.Sin(radians);
        return new Affine2(c, -s, s, c, center.X - (c * center.X - s * center.Y), center.Y - (s * center.X + c * center.Y));
    }

    public static Affine2 Translation(Vector2 t) => new(1, 0, 0, 1, t.X, t.Y);

    public static Affine2 Scale(float sx, float sy) => new(sx, 0, 0, sy, 0, 0);

    public Vector2 Apply(Vector2 p) => new(M11 * p.X + M12 * p.Y + Tx, M21 * p.X + M22 * p.Y + Ty);

    /// <summary>The map "first <paramref name="first"/>, then this".</summary>
    public Affine2 After(Affine2 first) => new(
        M11 * first.M11 + M12 * first.M21, M11 * first.M12 + M12 * first.M22,
        M21 * first.M11 + M22 * first.M21, M21 * first.M12 + M22 * first.M22,
        M11 * first.Tx + M12 * first.Ty + Tx, M21 * first.Tx + M22 * first.Ty + Ty);

    public Affine2 Inverse()
    {
        float det = M11 * M22 - M12 * M21;
        float i11 = M22 / det, i12 = -M12 / det, i21 = -M21 / det, i22 = M11 / det;
        return new Affine2(i11, i12, i21, i22, -(i11 * Tx + i12 * Ty), -(i21 * Tx + i22 * Ty));
    }
}

/// <summary>An axis-aligned rectangle in some plane (mm or pixels).</summary>
public readonly record struct Rect2(float X1, float Y1, float X2, float Y2)
{
    public static Rect2 Empty { get; } = new(float.MaxValue, float.MaxValue, float.MinValue, float.MinValue);

    public bool IsEmpty => X2 < X1 || Y2 < Y1;

    public bool Contains(float x, float y) => x >= X1 && x <= X2 && y >= Y1 && y <= Y2;

    public Rect2 Include(Vector2 p) => new(Math.Min(X1, p.X), Math.Min(Y1, p.Y), Math.Max(X2, p.X), Math.Max(Y2, p.Y));

    public Rect2 Union(Rect2 o) => new(Math.Min(X1, o.X1), Math.Min(Y1, o.Y1), Math.Max(X2, o.X2), Math.Max(Y2, o.Y2));

    public Rect2 Inflate(float d) => new(X1 - d, Y1 - d, X2 + d, Y2 + d);

    /// <summary>The bounding box of this rectangle's corners after <paramref name="map"/>.</summary>
    public Rect2 Transform(Affine2 map) => Empty
        .Include(map.Apply(new Vector2(X1, Y1))).Include(map.Apply(new Vector2(X2, Y1)))
        .Include(map.Apply(new Vector2(X1, Y2))).Include(map.Apply(new Vector2(X2, Y2)));

    public static Rect2 Around(Vector2 c, float rx, float ry) => new(c.X - rx, c.Y - ry, c.X + rx, c.Y + ry);
}
