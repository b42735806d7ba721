using HipFx.Core;

namespace HipFx.Training.Checkpoints;

/// <summary>
/// What the run folder keeps: <c>last.safetensors</c> (EMA weights) and <c>last.resume/</c> (everything for exact
/// <c>--resume</c>) after every epoch, <c>best.safetensors</c> when validation improves. YAML section
/// <c>train.checkpoints</c>.
/// </summary>
public sealed record CheckpointOptions
{
    /// <summary>The YAML section these options live under (used in error messages).</summary>
    public const string Section = "train.checkpoints";

    /// <summary>
    /// <c>resume_every_iterations</c>: also write <c>last.resume/</c> every N iterations inside an epoch, so a crash
    /// loses at most N steps (0: only at the end of each epoch and on Ctrl+C). Default 0.
    /// </summary>
    public int ResumeEveryIterations { get; init; }

    /// <summary><c>save_best</c>: keep <c>best.safetensors</c> by the validation metric. Default true.</summary>
    public bool SaveBest { get; init; } = true;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the key of the first bad value.</summary>
    public CheckpointOptions Validated()
    {
        if (ResumeEveryIterations < 0)
        {
            throw new HipFxConfigException($"{Section}.resume_every_iterations: must be an integer ≥ 0, got {ResumeEveryIterations}");
        }
        return this;
    }
}
