using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Evaluation.Pipeline;

/// <summary>
/// The seam between evaluation and a model: detections for image files, in original-image pixels.
/// The CLI builds one from <c>--model</c> (a run folder or checkpoint); tests and <c>--detections</c> need none.
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

    /// <summary>Detections of each file, in the order given.</summary>
    IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles);

    /// <summary>
    /// Detections of images the caller has already decoded (with <see cref="RadiographLoader"/>), in the order given,
    /// so that an image is decoded once. By default the detector works from each image's
    /// <see cref="RadiographImage.SourcePath"/> and ignores the pixels.
    /// </summary>
    IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images) =>
        Detect(images.Select(i => i.SourcePath
            ?? throw new ArgumentException("an image without a source path needs a detector that reads pixels", nameof(images))).ToList());
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
