using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Model;
using HipFx.Training.Inference;

namespace HipFx.Training.Loop;

/// <summary>
/// The validator <c>hipfx train</c> uses: the model (the EMA) becomes an <see cref="IDetector"/> through
/// <paramref name="detectorFor"/> (the in-memory detector seam), runs over the validation split's images, τ is chosen
/// on the split as <c>hipfx eval --tau-from-val</c> chooses it (<see cref="TauSelector"/>, max macro Youden J), and
/// the split is evaluated at that τ with the evaluation layer's metrics (COCO AP, image-level macro Se/Sp; no
/// bootstrap). The ground truth is read once by the caller (<see cref="ManifestGroundTruth"/>).
/// </summary>
public sealed class DetectorValidator(
    ManifestGroundTruth truth,
    Func<DamoYolo, IDetector> detectorFor,
    DecisionOptions? decision = null) : ITrainValidator
{
    private readonly DecisionOptions decision = (decision ?? new DecisionOptions()).Validated();
    private readonly List<KeyValuePair<string, string>> files = truth.Images
        .Select(i => new KeyValuePair<string, string>(i.ImageId, truth.ImageFiles.TryGetValue(i.ImageId, out var f) ? f
            : throw new HipFxDataException($"no image file for '{i.ImageId}' in split {truth.Split}")))
        .ToList();

    public int ImageCount => truth.Images.Count;

    /// <summary>
    /// The usual validator: the live EMA model through <see cref="ModelDetector.ForModel"/> (unfused, not owned) with the
    /// run's input size and intensity mapping, <paramref name="batchSize"/> images per forward
    /// (<c>train.validation.batch_size</c>). Images are decoded from their files at every validation.
    /// </summary>
    public static DetectorValidator ForModelInput(ManifestGroundTruth truth, ModelInput input, int batchSize, DecisionOptions? decision = null) =>
        new(truth, model => ModelDetector.ForModel(model, input, batchSize, "EMA model (validation)"), decision);

    public ValidationMetrics Validate(DamoYolo model, CancellationToken cancellation)
    {
        Dictionary<string, IReadOnlyList<Detection>> detections;
        using (var detector = detectorFor(model))
        {
            detections = DetectorRuns.Run(detector, files, _ => cancellation.ThrowIfCancellationRequested());
        }
        var tau = TauSelector.Select(truth.Images, detections, decision, truth.Split) with
        {
            ManifestHash = truth.ManifestHash,
            SelectedUtc = DateTimeOffset.UtcNow,
        };
        var result = DetectionEvaluation.Evaluate(truth.Images, detections,
            new EvalOptions { Decision = decision with { Tau = tau.Tau } });
        return new ValidationMetrics(
            result.Coco.MeanAp50.Value,
            result.Coco.MeanAp5095.Value,
            result.Classification.MacroSensitivity.Value,
            result.Classification.MacroSpecificity.Value,
            tau);
    }

    public void Dispose()
    {
    }
}
