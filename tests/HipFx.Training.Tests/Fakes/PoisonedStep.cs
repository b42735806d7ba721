using HipFx.Model;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Fakes;

/// <summary>
/// The real <see cref="TrainStep"/> on one CPU replica, with chosen calls (<see cref="PoisonAt"/>, 0-based) turned
/// non-finite: a NaN written into the first gradient and the result reported as not finite, as the step reports a
/// NaN it finds.
/// </summary>
internal sealed class PoisonedStep(DamoYolo model) : ITrainStep
{
    private readonly TrainStep inner = TrainStep.Create(model, [CPU]);

    public DamoYolo Model => inner.Model;

    public HashSet<int> PoisonAt { get; } = [];

    public int Calls { get; private set; }

    public StepResult Run(TrainingBatch batch)
    {
        var result = inner.Run(batch);
        if (PoisonAt.Contains(Calls++))
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            Model.parameters().First(p => p.grad is not null).grad!.view(-1)[0] = float.NaN;
            return result with { Total = double.NaN, Finite = false };
        }
        return result;
    }

    public void SyncReplicas() => inner.SyncReplicas();

    public void Dispose() => inner.Dispose();
}
