using HipFx.Core;
using HipFx.Evaluation.Coco;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Pipeline;

/// <summary>
/// Detections read from a COCO results file instead of a model: an image file's detections are those whose
/// string image_id equals the file's stem (no detection: an empty list).
/// </summary>
public sealed class PrecomputedDetector : IDetector
{
    private readonly Dictionary<string, IReadOnlyList<Detection>> byStem;

    public PrecomputedDetector(string detectionsFile, IEnumerable<string> imageFiles)
    {
        var stems = imageFiles.Select(Path.GetFileNameWithoutExtension).Distinct().ToList();
        var truth = new CocoGroundTruth(
            stems.Select(s => new EvalImage(s!, s!, ImageLabel.NoFracture, [])).ToList(), new Dictionary<long, string>());
        // The file may hold detections of more images than those given to predict.
        byStem = CocoDetections.Read(detectionsFile, truth, allowExtraIds: true);
        Description = detectionsFile;
    }

    public string Description { get; }

    public int BatchSize => 16;

    /// <summary>Detections come from the file: pixels are never looked at.</summary>
    public bool ReadsPixels => false;

    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles) =>
        imageFiles.Select(f => byStem.TryGetValue(Path.GetFileNameWithoutExtension(f), out var d) ? d : []).ToList();

    public void Dispose()
    {
    }
}
