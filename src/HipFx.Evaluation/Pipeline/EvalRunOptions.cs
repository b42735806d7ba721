using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Data.Voc;

namespace HipFx.Evaluation.Pipeline;

/// <summary>
/// One <c>hipfx eval</c> run. Ground truth: <see cref="ManifestPath"/> (manifest + VOC files) or
/// <see cref="GroundTruthPath"/> (a COCO file with "split" fields, as eval writes). Detections: a detector
/// (from <c>--model</c>) or <see cref="DetectionsPath"/> (COCO results). τ: <see cref="Tau"/>, or
/// <see cref="TauFromVal"/> (chosen on the val split once, locked in <see cref="TauFile"/>), or the locked
/// tau.json when one exists, else <see cref="DecisionOptions"/>' default.
/// </summary>
public sealed record EvalRunOptions
{
    public string? ManifestPath { get; init; }

    public string? GroundTruthPath { get; init; }

    public string? DetectionsPath { get; init; }

    /// <summary>The model as given (run folder or checkpoint), for the stamp and the default tau.json place.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Split to evaluate: test, val, external (or train). Default test.</summary>
    public string Split { get; init; } = "test";

    public required string OutputFolder { get; init; }

    /// <summary>An explicit τ (overrides any tau.json).</summary>
    public double? Tau { get; init; }

    /// <summary>Use the τ locked in <see cref="TauFile"/>, choosing it on the val split first when the file does not exist.</summary>
    public bool TauFromVal { get; init; }

    /// <summary>
    /// Where τ is locked. Default: tau.json in the run folder (<see cref="ModelPath"/> when it is a folder, else
    /// its folder), else beside the detections file.
    /// </summary>
    public string? TauFile { get; init; }

    /// <summary>Decision rule (its τ is replaced by the resolved one), overlap and bootstrap settings.</summary>
    public EvalOptions Evaluation { get; init; } = new();

    /// <summary>Read VOC files with this convention and class map.</summary>
    public GroundTruthOptions GroundTruth { get; init; } = new();

    /// <summary>
    /// Folder of the images when the ground truth is a COCO file: <c>{image id}.png</c> (or .jpg, .jpeg, or the bare id;
    /// see <see cref="EvalRunner.ImageFileInFolder"/>), read for detection with a model and for the galleries.
    /// </summary>
    public string? ImagesFolder { get; init; }

    /// <summary>
    /// Skip (and count) detections whose image is not in the evaluated split, for a file covering several splits.
    /// Default false: such detections are an error naming the ids.
    /// </summary>
    public bool AllowExtraIds { get; init; }

    /// <summary>Images per model batch when detections are computed. Default 8.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Throws <see cref="HipFxConfigException"/> on a contradictory or incomplete set of options.</summary>
    public EvalRunOptions Validated()
    {
        OptionRules.Positive(BatchSize);
        if ((ManifestPath is null) == (GroundTruthPath is null))
        {
            throw new HipFxConfigException("give exactly one of --manifest (manifest CSV) or --ground-truth (COCO file)");
        }
        if (Tau is not null && TauFromVal)
        {
            throw new HipFxConfigException("--tau and --tau-from-val exclude each other");
        }
        if (Tau is { } t)
        {
            OptionRules.Fraction(t, nameof(Tau));
        }
        if (string.IsNullOrWhiteSpace(Split))
        {
            throw new HipFxConfigException("--split must name a split");
        }
        Evaluation.Validated();
        return this;
    }

    /// <summary>The tau.json path this run uses.</summary>
    public string ResolvedTauFile()
    {
        if (TauFile is not null)
        {
            return TauFile;
        }
        if (ModelPath is not null)
        {
            return RunFolder.Of(ModelPath).TauFile;
        }
        if (DetectionsPath is not null)
        {
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DetectionsPath))!, Metrics.TauSelection.FileName);
        }
        return Path.Combine(OutputFolder, Metrics.TauSelection.FileName);
    }
}
