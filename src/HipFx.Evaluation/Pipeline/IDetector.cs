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

    /// <summary>Detections of each file, in the order given.</summary>
    IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles);
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
            var dets = detector.Detect(chunk.Select(c => c.Value).ToList());
            if (dets.Count != chunk.Count)
            {
                throw new InvalidOperationException($"the detector returned {dets.Count} results for {chunk.Count} images");
            }
            for (int i = 0; i < chunk.Count; i++)
            {
                result[chunk[i].Key] = dets[i];
            }
            progress?.Invoke(start + chunk.Count);
        }
        return result;
    }
}
