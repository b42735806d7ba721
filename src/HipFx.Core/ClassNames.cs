namespace HipFx.Core;

/// <summary>
/// The canonical spellings of the labels (configs, XML, CSV, tables) and the paper's abbreviations.
/// Mapping of free-form names found in real files lives in the data layer (a configurable class map);
/// this type only knows the canonical names.
/// </summary>
public static class ClassNames
{
    /// <summary>Number of detector (fracture) classes.</summary>
    public const int FractureCount = 4;

    /// <summary>Number of image labels (fracture classes plus <c>no_fracture</c>).</summary>
    public const int LabelCount = 5;

    private static readonly string[] Canonical =
        ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf", "no_fracture"];

    private static readonly string[] Paper = ["DF", "VF", "SF", "UF", "No"];

    /// <summary>All fracture classes in id order.</summary>
    public static IReadOnlyList<FractureClass> FractureClasses { get; } =
        [FractureClass.DisplacedFnf, FractureClass.ValgusImpactedFnf, FractureClass.StableItf, FractureClass.UnstableItf];

    /// <summary>All image labels in id order.</summary>
    public static IReadOnlyList<ImageLabel> ImageLabels { get; } =
        [ImageLabel.DisplacedFnf, ImageLabel.ValgusImpactedFnf, ImageLabel.StableItf, ImageLabel.UnstableItf, ImageLabel.NoFracture];

    /// <summary>The canonical name, e.g. <c>displaced_fnf</c>.</summary>
    public static string Name(this FractureClass c) => Canonical[(int)c];

    /// <summary>The canonical name, e.g. <c>no_fracture</c>.</summary>
    public static string Name(this ImageLabel l) => Canonical[(int)l];

    /// <summary>The paper's abbreviation (DF, VF, SF, UF, No).</summary>
    public static string PaperName(this ImageLabel l) => Paper[(int)l];

    /// <summary>The paper's abbreviation (DF, VF, SF, UF).</summary>
    public static string PaperName(this FractureClass c) => Paper[(int)c];

    /// <summary>The image label a fracture class gives.</summary>
    public static ImageLabel ToImageLabel(this FractureClass c) => (ImageLabel)(int)c;

    /// <summary>The fracture class of an image label, or null for <c>no_fracture</c>.</summary>
    public static FractureClass? ToFractureClass(this ImageLabel l) =>
        l == ImageLabel.NoFracture ? null : (FractureClass)(int)l;

    /// <summary>Parses an exact canonical image-label name (no aliases); false when unknown.</summary>
    public static bool TryParseLabel(string name, out ImageLabel label)
    {
        int i = Array.IndexOf(Canonical, name);
        label = i < 0 ? default : (ImageLabel)i;
        return i >= 0;
    }

    /// <summary>Parses an exact canonical fracture-class name (no aliases); false when unknown.</summary>
    public static bool TryParseFracture(string name, out FractureClass fracture)
    {
        int i = Array.IndexOf(Canonical, name);
        fracture = i is < 0 or >= FractureCount ? default : (FractureClass)i;
        return i is >= 0 and < FractureCount;
    }
}
