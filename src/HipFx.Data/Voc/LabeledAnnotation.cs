using HipFx.Core;

namespace HipFx.Data.Voc;

/// <summary>
/// An annotation with its class names mapped: the ground-truth boxes the detector learns and is scored on.
/// </summary>
/// <param name="Boxes">Boxes in 0-based edge coordinates, in file order (minus excluded difficult ones).</param>
/// <param name="ExcludedDifficult">Boxes dropped by <see cref="DifficultPolicy.Exclude"/>.</param>
/// <param name="Verified">The file's <c>verified="yes"</c>: with zero boxes, this makes the image a reviewed negative.</param>
public sealed record LabeledAnnotation(IReadOnlyList<GroundTruthBox> Boxes, int ExcludedDifficult, bool Verified)
{
    /// <summary>No boxes (an image without an annotation file).</summary>
    public static LabeledAnnotation None { get; } = new([], 0, false);

    /// <summary>Reads <paramref name="path"/> and maps it: <see cref="VocReader.Read(string, VocReadOptions?)"/> then <see cref="From"/>.</summary>
    public static LabeledAnnotation Load(string path, ClassMap classMap, VocReadOptions? options = null,
        DifficultPolicy difficult = DifficultPolicy.Keep) =>
        From(VocReader.Read(path, options), classMap, path, difficult);

    /// <summary>
    /// Maps every object of <paramref name="annotation"/> through <paramref name="classMap"/>; an unknown name throws
    /// a <see cref="HipFxDataException"/> naming <paramref name="filePath"/>, the object index and the name.
    /// </summary>
    public static LabeledAnnotation From(VocAnnotation annotation, ClassMap classMap, string filePath,
        DifficultPolicy difficult = DifficultPolicy.Keep)
    {
        var boxes = new List<GroundTruthBox>(annotation.Objects.Count);
        int excluded = 0;
        for (int i = 0; i < annotation.Objects.Count; i++)
        {
            var item = annotation.Objects[i];
            var fracture = classMap.Resolve(item.Name, filePath, i);
            switch (difficult, item.Difficult)
            {
                case (DifficultPolicy.Exclude, true):
                    excluded++;
                    break;
                case (DifficultPolicy.Ignore, true):
                    boxes.Add(new GroundTruthBox(fracture, item.Box, Difficult: true));
                    break;
                default:
                    boxes.Add(new GroundTruthBox(fracture, item.Box));
                    break;
            }
        }
        return new LabeledAnnotation(boxes, excluded, annotation.Verified);
    }
}
