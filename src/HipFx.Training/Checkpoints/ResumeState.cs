using HipFx.Evaluation.Metrics;

namespace HipFx.Training.Checkpoints;

/// <summary>
/// Where a run stands, as <c>last.resume/state.json</c> holds it: the data position (epoch and next batch, which
/// with the seed fix every later batch), the global iteration (which fixes the lr and the EMA decay), the best
/// validation so far, the non-finite count, the current epoch's running sums (so results.csv is the same as an
/// uninterrupted run's) and the recipe facts a resume must not change.
/// </summary>
public sealed record ResumeState
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The 0-based epoch to continue in.</summary>
    public required int Epoch { get; init; }

    /// <summary>The batch index within <see cref="Epoch"/> to continue from (0 at an epoch boundary).</summary>
    public required int NextBatch { get; init; }

    /// <summary>Global iterations done (steps taken or skipped).</summary>
    public required long Iteration { get; init; }

    /// <summary>Non-finite steps skipped so far in the run.</summary>
    public int SkippedSteps { get; init; }

    public int? BestEpoch { get; init; }

    public double? BestMetric { get; init; }

    /// <summary>τ chosen on val for the best epoch (locked into tau.json at the end).</summary>
    public TauSelection? BestTau { get; init; }

    /// <summary>The running sums of the unfinished epoch.</summary>
    public EpochTotals Totals { get; init; } = new();

    public required int BatchSize { get; init; }

    public required int BatchesPerEpoch { get; init; }

    public required int Epochs { get; init; }

    public required int Seed { get; init; }
}

/// <summary>Running sums of one epoch's steps (losses of applied steps, throughput, skipped steps).</summary>
public sealed record EpochTotals
{
    public int AppliedSteps { get; init; }

    public int SkippedSteps { get; init; }

    public double Loss { get; init; }

    public double Cls { get; init; }

    public double Bbox { get; init; }

    public double Dfl { get; init; }

    public long Images { get; init; }

    public double Seconds { get; init; }

    public double LastLr { get; init; }
}
