using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// One image's ground truth as the evaluation sees it: its id, its patient (for patient-level
/// bootstrap), its image label, its boxes, and its size when known (0 = unknown; the valgus-priority
/// rule and the pictures use it).
/// </summary>
public sealed record EvalImage(string ImageId, string PatientId, ImageLabel Truth, IReadOnlyList<GroundTruthBox> Boxes,
    int Width = 0, int Height = 0)
{
    /// <summary>
    /// The image label implied by boxes alone: <c>no_fracture</c> without boxes, else the class of the
    /// boxes; with boxes of several classes, the lowest class id (manifests normally give the label).
    /// </summary>
    public static ImageLabel LabelFromBoxes(IEnumerable<GroundTruthBox> boxes) =>
        boxes.Select(b => (ImageLabel?)b.Class.ToImageLabel()).Min() ?? ImageLabel.NoFracture;
}
