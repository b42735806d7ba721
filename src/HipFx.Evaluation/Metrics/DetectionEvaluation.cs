using HipFx.Core;
using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// Evaluates detections against ground truth: image-level decisions, confusion matrix, per-class and
/// micro/macro counts, box overlap, COCO AP and (optionally) patient-level bootstrap intervals.
/// Takes detections keyed by image id, so any detector (or a detections.json) can feed it.
/// </summary>
public static class DetectionEvaluation
{
    /// <summary>Names of the bootstrapped statistics (keys of <see cref="EvalResult.Bootstrap"/>).</summary>
    public static class Stat
    {
        public const string MicroAccuracy = "micro_accuracy";
        public const string MicroSensitivity = "micro_sensitivity";
        public const string MicroSpecificity = "micro_specificity";
        public const string MacroAccuracy = "macro_accuracy";
        public const string MacroSensitivity = "macro_sensitivity";
        public const string MacroSpecificity = "macro_specificity";
        public const string MeanAp50 = "map50";
        public const string MeanAp5095 = "map50_95";
    }

    public static EvalResult Evaluate(IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, EvalOptions options)
    {
        options.Validated();
        CheckIds(images, detections);
        var outcomes = Decide(images, detections, options.Decision);
        var matrix = new ConfusionMatrix(outcomes.Select(o => (o.Image.Truth, o.Decision.Label)));
        var bootstrap = PatientBootstrap.Run(images, i => i.PatientId,
            sample => Statistics(sample, detections, options), options.Bootstrap);
        return new EvalResult(options, outcomes, matrix, ClassificationSummary.From(matrix),
            BoxOverlapSummary.Compute(images, detections, options.Decision.Tau, options.OverlapMinIoU),
            CocoEvaluator.Evaluate(images, detections), bootstrap);
    }

    private static List<ImageOutcome> Decide(IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, DecisionOptions options) =>
        images.Select(i =>
        {
            var dets = detections.TryGetValue(i.ImageId, out var d) ? d : [];
            return new ImageOutcome(i, dets, ImageDecider.Decide(dets, options, i.Width));
        }).ToList();

    private static Dictionary<string, double> Statistics(IReadOnlyList<EvalImage> sample,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, EvalOptions options)
    {
        var matrix = new ConfusionMatrix(Decide(sample, detections, options.Decision).Select(o => (o.Image.Truth, o.Decision.Label)));
        var cls = ClassificationSummary.From(matrix);
        var coco = CocoEvaluator.Evaluate(sample, detections);
        return new Dictionary<string, double>
        {
            [Stat.MicroAccuracy] = cls.Micro.Accuracy.Value,
            [Stat.MicroSensitivity] = cls.Micro.Sensitivity.Value,
            [Stat.MicroSpecificity] = cls.Micro.Specificity.Value,
            [Stat.MacroAccuracy] = cls.MacroAccuracy.Value,
            [Stat.MacroSensitivity] = cls.MacroSensitivity.Value,
            [Stat.MacroSpecificity] = cls.MacroSpecificity.Value,
            [Stat.MeanAp50] = coco.MeanAp50.Value,
            [Stat.MeanAp5095] = coco.MeanAp5095.Value,
        };
    }

    private static void CheckIds(IReadOnlyList<EvalImage> images, IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections)
    {
        var dup = images.GroupBy(i => i.ImageId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new HipFxDataException($"image id '{dup.Key}' appears {dup.Count()} times in the ground truth");
        }
    }
}
