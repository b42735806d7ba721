namespace HipFx.Core;

/// <summary>
/// The four detector classes (boxes), in the order and ids of SPEC.md "The classes".
/// <c>no_fracture</c> is an image label, never a box: see <see cref="ImageLabel"/>.
/// </summary>
public enum FractureClass
{
    /// <summary><c>displaced_fnf</c> (DF): displaced femoral neck fracture, Garden III/IV.</summary>
    DisplacedFnf = 0,

    /// <summary><c>valgus_impacted_fnf</c> (VF): valgus-impacted femoral neck fracture, Garden I/II.</summary>
    ValgusImpactedFnf = 1,

    /// <summary><c>stable_itf</c> (SF): stable intertrochanteric fracture (Evans).</summary>
    StableItf = 2,

    /// <summary><c>unstable_itf</c> (UF): unstable intertrochanteric fracture (Evans).</summary>
    UnstableItf = 3,
}
