using HipFx.Core;
using HipFx.Data.Labels;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// One image's ground truth as the evaluation sees it: its id, its patient (for patient-level
/// bootstrap), its image label, its boxes, and its size when known (0 = unknown; the valgus-priority
/// rule and the pictures use it).
/// </summary>
public sealed record EvalImage(string ImageId, string PatientId, ImageLabel Truth, IReadOnlyList<GroundTruthBox> Boxes,
    int Width = 0, int Height = 0)
{
    /// <summary>The image label implied by boxes alone: the one rule, <see cref="ImageTruth.LabelFromBoxes"/>.</summary>
    public static ImageLabel LabelFromBoxes(IEnumerable<GroundTruthBox> boxes) => ImageTruth.LabelFromBoxes(boxes);
}
