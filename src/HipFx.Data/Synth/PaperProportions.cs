using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>The paper's dataset shape (SPEC.md "The data the paper had"; Bone Joint J 2025, Table I).</summary>
public static class PaperProportions
{
    /// <summary>Internal images per label (two hospitals, 4,493 images).</summary>
    public static IReadOnlyDictionary<ImageLabel, int> Internal { get; } = new Dictionary<ImageLabel, int>
    {
        [ImageLabel.DisplacedFnf] = 1410,
        [ImageLabel.ValgusImpactedFnf] = 720,
        [ImageLabel.StableItf] = 1044,
        [ImageLabel.UnstableItf] = 984,
        [ImageLabel.NoFracture] = 335,
    };

    /// <summary>External images per label (a third hospital, 675 images).</summary>
    public static IReadOnlyDictionary<ImageLabel, int> External { get; } = new Dictionary<ImageLabel, int>
    {
        [ImageLabel.DisplacedFnf] = 91,
        [ImageLabel.ValgusImpactedFnf] = 173,
        [ImageLabel.StableItf] = 37,
        [ImageLabel.UnstableItf] = 40,
        [ImageLabel.NoFracture] = 334,
    };

    public static int InternalTotal => Internal.Values.Sum();

    public static int ExternalTotal => External.Values.Sum();

    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> by largest remainder,
    /// so the parts always add up to the total and ties go to the earlier key.
    /// </summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights)
    {
        double sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var parts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int left = total - parts.Sum();
        foreach (int i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left))
        {
            parts[i]++;
        }
        return parts;
    }
}
