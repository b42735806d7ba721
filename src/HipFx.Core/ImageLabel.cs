namespace HipFx.Core;

/// <summary>
/// The five image labels of SPEC.md: the four fracture classes (same ids) and <see cref="NoFracture"/> (id 4).
/// </summary>
public enum ImageLabel
{
    DisplacedFnf = FractureClass.DisplacedFnf,
    ValgusImpactedFnf = FractureClass.ValgusImpactedFnf,
    StableItf = FractureClass.StableItf,
    UnstableItf = FractureClass.UnstableItf,

    /// <summary><c>no_fracture</c>: no visible fracture, an image with no box.</summary>
    NoFracture = 4,
}
