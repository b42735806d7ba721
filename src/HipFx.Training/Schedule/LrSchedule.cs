namespace HipFx.Training.Schedule;

/// <summary>
/// The learning rate of every iteration (damo-yolo-t.md §5.2), a pure function of the 0-based global iteration:
/// quadratic warm-up, then cosine to the floor, then the floor for the no-aug epochs. Warm-up and the no-aug tail
/// are counted in iterations (epochs × iterations per epoch), as the official <c>cosine_scheduler</c> does.
/// </summary>
public sealed class LrSchedule
{
    private readonly double baseLr;
    private readonly double warmupStartLr;
    private readonly double finalLr;
    private readonly long warmupIterations;
    private readonly long cosineIterations;

    public LrSchedule(ScheduleOptions options, double baseLr, int iterationsPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterationsPerEpoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseLr);
        options.Validated();
        this.baseLr = baseLr;
        warmupStartLr = options.WarmupStartRatio * baseLr;
        finalLr = options.MinLrRatio * baseLr;
        warmupIterations = (long)options.WarmupEpochs * iterationsPerEpoch;
        TotalIterations = (long)options.Epochs * iterationsPerEpoch;
        long noAugIterations = (long)options.NoAugEpochs * iterationsPerEpoch;
        cosineIterations = TotalIterations - warmupIterations - noAugIterations;
    }

    /// <summary>Iterations of the whole run.</summary>
    public long TotalIterations { get; }

    /// <summary>The lr for the step of global iteration <paramref name="iteration"/> (0-based).</summary>
    public double At(long iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        if (iteration < warmupIterations)
        {
            double t = (double)iteration / warmupIterations;
            return (baseLr - warmupStartLr) * t * t + warmupStartLr;
        }
        long intoCosine = iteration - warmupIterations;
        if (intoCosine < cosineIterations)
        {
            return finalLr + 0.5 * (baseLr - finalLr) * (1 + Math.Cos(Math.PI * intoCosine / cosineIterations));
        }
        return finalLr;
    }
}
