using HipFx.Model;
using HipFx.Training.Checkpoints;
using HipFx.Training.Loop;
using HipFx.Training.Schedule;
using HipFx.Training.Step;
using TorchSharp;

namespace HipFx.Training.Tests.Fakes;

/// <summary>A tiny deterministic CPU training recipe (64² images, batch 2, 4 classes) for loop tests and the kill test.</summary>
internal static class TinyRun
{
    public const int Size = 64;
    public const int Batch = 2;
    public static readonly IReadOnlyList<string> Classes = ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf"];

    public static TrainOptions Options(int epochs, int resumeEvery = 0, int maxNonFinite = 10) => new()
    {
        BatchSize = Batch,
        Seed = 7,
        MaxNonFiniteSteps = maxNonFinite,
        Schedule = new ScheduleOptions { Epochs = epochs, WarmupEpochs = 1, NoAugEpochs = 0 },
        Ema = new() { RampIterations = 3 },
        Checkpoints = new CheckpointOptions { ResumeEveryIterations = resumeEvery },
    };

    public static TrainRunSetup Setup(string runDirectory, TrainOptions options, int batchesPerEpoch, bool resume = false,
        Func<DamoYolo, ITrainStep>? step = null, ITrainValidator? validator = null) => new()
    {
        Options = options,
        RunDirectory = runDirectory,
        Resume = resume,
        Classes = Classes,
        InputSize = Size,
        ConfigText = "train: {epochs: " + options.Schedule.Epochs + "}",
        BatchSource = () => new SyntheticBatchSource(options.Seed, batchesPerEpoch, Batch, Size, Classes.Count),
        Step = step ?? (m => TrainStep.Create(m, [torch.CPU])),
        Validator = () => validator ?? new WeightsValidator(),
    };

    /// <summary>Single-threaded torch, so two runs give the same bits.</summary>
    public static void Deterministic()
    {
        HipFx.Torch.TorchRuntime.EnsureInitialized();
        torch.set_num_threads(1);
    }
}
