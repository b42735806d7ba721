using HipFx.Core;
using HipFx.Data.Manifests;

namespace HipFx.Data.Voc;

/// <summary>A problem with one box: which object, a lint code and the message.</summary>
public sealed record VocBoxProblem(int ObjectIndex, string Code, string Message);

/// <summary>
/// Geometry checks of an annotation's boxes against the real image size (not the XML's <c>&lt;size&gt;</c>, which may
/// be stale): inside the image, not inverted, at least <c>minSide</c> pixels on each side.
/// </summary>
public static class VocBoxChecks
{
    public static IReadOnlyList<VocBoxProblem> Check(VocAnnotation annotation, int imageWidth, int imageHeight, double minSide = 2)
    {
        var problems = new List<VocBoxProblem>();
        for (int i = 0; i < annotation.Objects.Count; i++)
        {
            var box = annotation.Objects[i].Box;
            string name = annotation.Objects[i].Name;
            if (box.X2 <= box.X1 || box.Y2 <= box.Y1)
            {
                problems.Add(new VocBoxProblem(i, LintCodes.BoxInverted,
                    $"box {box} of '{name}' is inverted or empty: need x1 < x2 and y1 < y2"));
                continue;
            }
            if (box.X1 < 0 || box.Y1 < 0 || box.X2 > imageWidth || box.Y2 > imageHeight)
            {
                problems.Add(new VocBoxProblem(i, LintCodes.BoxOutside,
                    $"box {box} of '{name}' is outside the {imageWidth} x {imageHeight} image (edges must be within 0..{imageWidth}, 0..{imageHeight})"));
            }
            if (box.Width < minSide || box.Height < minSide)
            {
                problems.Add(new VocBoxProblem(i, LintCodes.BoxTooSmall,
                    FormattableString.Invariant($"box {box} of '{name}' is {box.Width:0.##} x {box.Height:0.##} px, under the {minSide} px minimum")));
            }
        }
        return problems;
    }

    /// <summary>Objects whose coordinates as written are not whole numbers (LabelImg always writes integers).</summary>
    public static IEnumerable<int> NonIntegerObjects(VocAnnotation annotation, VocCoordinateConvention convention) =>
        Enumerable.Range(0, annotation.Objects.Count).Where(i =>
        {
            Box raw = convention.FromBox(annotation.Objects[i].Box);
            return new[] { raw.X1, raw.Y1, raw.X2, raw.Y2 }.Any(v => v != Math.Floor(v));
        });
}
