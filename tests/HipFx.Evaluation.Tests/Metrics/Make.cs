using HipFx.Core;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Tests.Metrics;

/// <summary>Short builders for hand-made cases.</summary>
internal static class Make
{
    public static Detection Det(FractureClass c, double score, double x1, double y1, double x2, double y2) =>
        new(c, score, new Box(x1, y1, x2, y2));

    public static GroundTruthBox Gt(FractureClass c, double x1, double y1, double x2, double y2) =>
        new(c, new Box(x1, y1, x2, y2));

    public static EvalImage Image(string id, ImageLabel truth, params GroundTruthBox[] boxes) =>
        new(id, "p-" + id, truth, boxes);

    public static EvalImage Image(string id, params GroundTruthBox[] boxes) =>
        new(id, "p-" + id, EvalImage.LabelFromBoxes(boxes), boxes);

    public static Dictionary<string, IReadOnlyList<Detection>> Dets(params (string Id, Detection[] Dets)[] items) =>
        items.ToDictionary(i => i.Id, i => (IReadOnlyList<Detection>)i.Dets);
}
