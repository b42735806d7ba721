using HipFx.Model;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;

namespace HipFx.Training.Loop;

/// <summary>
/// Everything one <see cref="TrainRunner"/> run needs: the validated recipe, the run folder, what the model is
/// (classes, input size, intensity mapping, resolved config text for checkpoint metadata) and factories for the parts
/// other layers build (data pipeline, step over N replicas, validator). The CLI builds it from the YAML config.
/// </summary>
public sealed record TrainRunSetup
{
    /// <summary>The recipe (validated by the runner once more; cheap).</summary>
    public required TrainOptions Options { get; init; }

    /// <summary>runs/&lt;name&gt;: created when absent; config.yaml and run.json are the CLI's.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>Continue the run in <see cref="RunDirectory"/> from last.resume/ exactly.</summary>
    public bool Resume { get; init; }

    /// <summary>Class names in index order (the head has one output per class).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Side of the square network input, pixels.</summary>
    public required int InputSize { get; init; }

    /// <summary>How stored pixels become network input, as the data pipeline names it (checkpoint metadata).</summary>
    public string IntensityMapping { get; init; } = "rgb-0-255";

    /// <summary>The resolved configuration text (YAML), stored in checkpoint metadata; null when not known.</summary>
    public string? ConfigText { get; init; }

    /// <summary>Builds the training batch source (called once per run).</summary>
    public required Func<ITrainingBatchSource> BatchSource { get; init; }

    /// <summary>Builds the step around the primary model (which the runner creates and initialises).</summary>
    public required Func<DamoYolo, ITrainStep> Step { get; init; }

    /// <summary>Builds the validator, or null to train without validation (no best, no tau.json).</summary>
    public Func<ITrainValidator>? Validator { get; init; }
}
