namespace HipFx.Core;

/// <summary>
/// An axis-aligned box in 0-based continuous pixel-edge coordinates: the image spans
/// [0, width] × [0, height]; a box covering only pixel (0,0) is (0, 0, 1, 1).
/// File formats with other conventions (Pascal VOC) convert at their edge.
/// </summary>
public readonly record struct Box(double X1, double Y1, double X2, double Y2)
{
    public double Width => X2 - X1;

    public double Height => Y2 - Y1;

    /// <summary>Area, zero for an empty or inverted box.</summary>
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Area of the intersection with <paramref name="other"/>.</summary>
    public double IntersectionArea(Box other)
    {
        double w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        double h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /// <summary>Intersection over union; 0 when both are empty.</summary>
    public double IoU(Box other)
    {
        double inter = IntersectionArea(other);
        double union = Area + other.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /// <summary>Dice coefficient 2|A∩B| / (|A| + |B|); 0 when both are empty.</summary>
    public double Dice(Box other)
    {
        double sum = Area + other.Area;
        return sum <= 0 ? 0 : 2 * IntersectionArea(other) / sum;
    }

    public override string ToString() => FormattableString.Invariant($"({X1:0.##}, {Y1:0.##}, {X2:0.##}, {Y2:0.##})");
}
