namespace HipFx.Training.Step.Bench;

/// <summary>
/// What <c>hipfx bench train</c> measured: training images/s over the measured steps and the mean milliseconds per
/// step of each phase (data wait, to device, forward, assigner + loss, backward, gradient reduction + host transfer,
/// optimizer + EMA + replica sync), the process CPU time per step (on a shared machine a steadier measure than wall
/// time: images/s on C idle cores ≈ batch × C ÷ CPU seconds per step), peak memory, and the process memory's drift over the measured steps.
/// </summary>
public sealed record TrainBenchResult(
    string Device,
    int Replicas,
    bool Bf16,
    bool ChannelsLast,
    int Size,
    int Batch,
    int Steps,
    int Threads,
    double ImagesPerSecond,
    double StepMs,
    double CpuMsPerStep,
    IReadOnlyDictionary<string, double> PhaseMs,
    double PeakRssMiB,
    double RssFirstMiB,
    double RssLastMiB,
    double? GpuUsedPeakMiB,
    long LiveTensorsFirst,
    long LiveTensorsLast,
    double FinalLoss,
    string LoadAverage,
    string TorchSharp,
    string Libtorch,
    DateTimeOffset Utc);
