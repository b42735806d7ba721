using System.Numerics;
using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>
/// A femur broken into fragments: the cuts (fracture surfaces), where each fragment went, how the
/// fracture line shows (lucent gap or sclerotic impaction band) and the points its box must enclose.
/// An intact femur is one fragment with no cuts.
/// </summary>
public sealed class FemurFracture
{
    public FemurFracture(FractureClass? fractureClass, FractureCut[] cuts, IReadOnlyList<FemurFragment> fragments,
        float lucency, float sclerosis, float lineWidth, string description)
    {
        Class = fractureClass;
        Cuts = cuts.Select(c => c.Tabulated()).ToArray();
        Fragments = fragments;
        Lucency = lucency;
        Sclerosis = sclerosis;
        LineWidth = lineWidth;
        Description = description;
    }

    /// <summary>The fracture class, null for an intact femur.</summary>
    public FractureClass? Class { get; }

    public FractureCut[] Cuts { get; }

    /// <summary>The fragments; exactly one is the remainder (the shaft).</summary>
    public IReadOnlyList<FemurFragment> Fragments { get; }

    /// <summary>How much bone density the fracture line takes away at its centre (0..1).</summary>
    public float Lucency { get; }

    /// <summary>How much density an impaction band adds, relative to the bone there.</summary>
    public float Sclerosis { get; }

    /// <summary>Half-width of the visible line (mm).</summary>
    public float LineWidth { get; }

    /// <summary>A short clinical description (for logs and tests).</summary>
    public string Description { get; }

    /// <summary>Points in displaced anatomy mm that the ground-truth box must enclose.</summary>
    public List<Vector2> BoxPoints { get; } = [];

    /// <summary>Margin (mm) a surgeon leaves around those points.</summary>
    public float BoxMargin { get; set; }

    public static FemurFracture Intact() =>
        new(null, [], [new FemurFragment(Affine2.Identity, [], Rect2.Empty)], 0, 0, 1, "intact");

    /// <summary>The index of the fragment an undisplaced point belongs to: the first that claims it, else the remainder.</summary>
    public int FragmentAt(float x, float y)
    {
        int remainder = 0;
        for (int i = 0; i < Fragments.Count; i++)
        {
            if (Fragments[i].IsRemainder)
            {
                remainder = i;
            }
            else if (Fragments[i].Claims(Cuts, x, y))
            {
                return i;
            }
        }
        return remainder;
    }

    /// <summary>
    /// Adds to <see cref="BoxPoints"/> the visible fracture surface: points of each cut inside the bone,
    /// placed where each neighbouring fragment carried them.
    /// </summary>
    public void CollectBoxPoints(IReadOnlyList<BoneShape> femur, Rect2 searchArea, float step = 0.75f)
    {
        for (float y = searchArea.Y1; y <= searchArea.Y2; y += step)
        {
            for (float x = searchArea.X1; x <= searchArea.X2; x += step)
            {
                if (!InsideBone(femur, x, y))
                {
                    continue;
                }
                foreach (var cut in Cuts)
                {
                    if (MathF.Abs(cut.Side(x, y)) > step)
                    {
                        continue;
                    }
                    int owner = FragmentAt(x, y);
                    BoxPoints.Add(Fragments[owner].Placement.Apply(new Vector2(x, y)));
                }
            }
        }
    }

    private static bool InsideBone(IReadOnlyList<BoneShape> femur, float x, float y)
    {
        foreach (var shape in femur)
        {
            if (shape.Bounds.Contains(x, y))
            {
                shape.Project(x, y, out float outer, out _);
                if (outer > 0.5f)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
