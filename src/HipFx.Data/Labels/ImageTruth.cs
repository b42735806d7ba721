using HipFx.Core;

namespace HipFx.Data.Labels;

/// <summary>Where an image's truth came from.</summary>
public enum TruthSource
{
    /// <summary>The manifest's <c>label</c> column: it wins over the boxes (lint reports a contradiction).</summary>
    ManifestLabel = 0,

    /// <summary>No manifest label; the boxes' class (<see cref="ImageTruth.LabelFromBoxes"/>).</summary>
    Boxes = 1,

    /// <summary>No manifest label, no boxes, and a LabelImg annotation marked verified: no_fracture.</summary>
    VerifiedEmpty = 2,

    /// <summary>No manifest label, no boxes, and no verified annotation: the truth is unknown (unreviewed).</summary>
    Unreviewed = 3,
}

/// <summary>
/// The one written rule for an image's truth, used by lint, eval, readers and training:
/// <list type="number">
/// <item>a manifest <c>label</c> is the truth;</item>
/// <item>else boxes give it: their class, and with boxes of several classes the lowest class id
/// (displaced_fnf &lt; valgus_impacted_fnf &lt; stable_itf &lt; unstable_itf; an image with two different fractures
/// should carry a manifest label, and lint says so);</item>
/// <item>else an annotation marked verified with no boxes is no_fracture;</item>
/// <item>else the image is unreviewed: its truth is unknown, it is never counted as no_fracture.</item>
/// </list>
/// </summary>
public static class ImageTruth
{
    /// <summary>The truth of one image, or null with <see cref="TruthSource.Unreviewed"/>.</summary>
    public static (ImageLabel? Label, TruthSource Source) Decide(ImageLabel? manifestLabel, IReadOnlyCollection<GroundTruthBox> boxes, bool verifiedAnnotation)
    {
        if (manifestLabel is { } label)
        {
            return (label, TruthSource.ManifestLabel);
        }
        if (boxes.Count > 0)
        {
            return (LabelFromBoxes(boxes), TruthSource.Boxes);
        }
        return verifiedAnnotation ? (ImageLabel.NoFracture, TruthSource.VerifiedEmpty) : (null, TruthSource.Unreviewed);
    }

    /// <summary>The image label boxes imply: no boxes → no_fracture; several classes → the lowest class id.</summary>
    public static ImageLabel LabelFromBoxes(IEnumerable<GroundTruthBox> boxes) =>
        boxes.Select(b => (ImageLabel?)b.Class.ToImageLabel()).Min() ?? ImageLabel.NoFracture;

    /// <summary>True when the boxes hold more than one class (the lowest-id rule decided the label).</summary>
    public static bool HasSeveralClasses(IEnumerable<GroundTruthBox> boxes) => boxes.Select(b => b.Class).Distinct().Skip(1).Any();
}
