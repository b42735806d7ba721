using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Evaluation.Pipeline;

/// <summary>
/// The seam between evaluation and a model: detections for decoded images (or image files), in original-image
/// pixels. <c>HipFx.Training.Inference.ModelDetector</c> is the model-backed one (a checkpoint, or the model being
/// trained); <see cref="PrecomputedDetector"/> answers from a detections file.
/// </summary>
public interface IDetector : IDisposable
{
    /// <summary>What produced the detections, for the run stamp (e.g. the checkpoint path).</summary>
    string Description { get; }

    /// <summary>Preferred number of images per call (a GPU batch). At least 1.</summary>
    int BatchSize { get; }

    /// <summary>How the detector maps stored intensities (pictures draw images the way the model saw them).</summary>
    IntensityMapping Mapping => IntensityMapping.Default;

    /// <summary>
    /// Whether detection looks at the pixels (true for a model). A caller that needs no pixels itself skips decoding
    /// for a detector that does not either (detections read from a file).
    /// </summary>
    bool ReadsPixels => true;

    /// <summary>
    /// Detections of decoded images (<see cref="RadiographLoader"/>), in the order given, boxes in each image's own
    /// pixels. This is what a model implements: the caller decodes each image once and may reuse it (overlays).
    /// </summary>
    IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images);

    /// <summary>
    /// Detections of image files, in the order given. By default each file is decoded and passed to
    /// <see cref="Detect(IReadOnlyList{RadiographImage})"/>; a detector that reads no pixels answers from the paths.
    /// </summary>
    IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles) =>
        Detect(imageFiles.Select(f => RadiographLoader.Load(f)).ToList());
}

/// <summary>Runs a detector over image files in batches.</summary>
public static class DetectorRuns
{
    /// <summary>Detections keyed by image id; <paramref name="progress"/> gets the count done after each batch.</summary>
    public static Dictionary<string, IReadOnlyList<Detection>> Run(IDetector detector,
        IReadOnlyList<KeyValuePair<string, string>> imageFiles, Action<int>? progress = null)
    {
        var result = new Dictionary<string, IReadOnlyList<Detection>>(StringComparer.Ordinal);
        int batch = Math.Max(1, detector.BatchSize);
        for (int start = 0; start < imageFiles.Count; start += batch)
        {
            var chunk = imageFiles.Skip(start).Take(batch).ToList();
            var dets = Checked(detector.Detect(chunk.Select(c => c.Value).ToList()), chunk.Count);
            for (int i = 0; i < chunk.Count; i++)
            {
                result[chunk[i].Key] = dets[i];
            }
            progress?.Invoke(start + chunk.Count);
        }
        return result;
    }

    /// <summary>The detector's answer for <paramref name="count"/> images, checked to hold one list per image.</summary>
    public static IReadOnlyList<IReadOnlyList<Detection>> Checked(IReadOnlyList<IReadOnlyList<Detection>> detections, int count) =>
        detections.Count == count ? detections
            : throw new InvalidOperationException($"the detector returned {detections.Count} results for {count} images");
}
