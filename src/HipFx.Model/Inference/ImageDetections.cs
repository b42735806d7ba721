namespace HipFx.Model.Inference;

/// <summary>
/// The detections of one image on the host, in descending score order: <see cref="Boxes"/> holds
/// <see cref="Count"/>×4 xyxy values (row-major), <see cref="Labels"/> the class indices.
/// </summary>
public sealed record ImageDetections(float[] Boxes, float[] Scores, int[] Labels)
{
    public int Count => Scores.Length;

    public (float X1, float Y1, float X2, float Y2) Box(int i) => (Boxes[4 * i], Boxes[4 * i + 1], Boxes[4 * i + 2], Boxes[4 * i + 3]);
}
