using HipFx.Model;
using HipFx.Model.Losses;
using HipFx.Training.Pipeline;
using HipFx.Training.Step;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Fakes;

/// <summary>
/// A minimal one-replica CPU step for the loop's tests (the real N-replica step is the step branch's): forward,
/// losses, backward, one host transfer of the losses and a finiteness flag over the loss and every gradient.
/// <see cref="PoisonAt"/> makes chosen calls report non-finite gradients (NaN written into one gradient).
/// </summary>
internal sealed class SingleReplicaStep(DamoYolo model) : ITrainStep
{
    private readonly ZeroHeadLoss loss = new();

    public DamoYolo Model => model;

    /// <summary>0-based call numbers whose gradients get a NaN.</summary>
    public HashSet<int> PoisonAt { get; } = [];

    public int Calls { get; private set; }

    public StepResult Run(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        using var tensors = TrainingBatchTensors.From(batch, 0, batch.Count, CPU);
        var predictions = model.call(tensors.Images);
        using var losses = loss.Compute(predictions, tensors.Truth);
        losses.Total.backward();
        var grads = model.parameters().Select(p => p.grad).Where(g => g is not null).Select(g => g!).ToList();
        if (PoisonAt.Contains(Calls))
        {
            using var _ = no_grad();
            grads[0].view(-1)[0] = float.NaN;
        }
        Calls++;
        var finite = stack(grads.Select(g => g.isfinite().all()).Append(losses.Total.isfinite()).ToArray()).all();
        var host = stack([losses.Total.detach(), losses.Cls.detach(), losses.Bbox.detach(), losses.Dfl.detach(),
            losses.Positives.detach().to_type(ScalarType.Float32), finite.to_type(ScalarType.Float32)]).data<float>().ToArray();
        return new StepResult(host[0], host[1], host[2], host[3], host[4], host[5] > 0.5f);
    }

    public void SyncReplicas()
    {
    }

    public void Dispose()
    {
    }
}
