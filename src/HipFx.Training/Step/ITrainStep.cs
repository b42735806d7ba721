using HipFx.Model;
using HipFx.Training.Pipeline;

namespace HipFx.Training.Step;

/// <summary>
/// One training step's tensor work on one or more replicas of the model: split the batch across replicas, forward,
/// label assignment and losses with normalisers shared across replicas, backward, and the gradients summed onto the
/// parameters of <see cref="Model"/> (the primary replica, on the first device). The loop then steps the optimizer
/// on <see cref="Model"/>'s parameters, updates the EMA and calls <see cref="SyncReplicas"/>. Every tensor the
/// step makes is disposed before <see cref="Run"/> returns, except the gradients it leaves on <see cref="Model"/>.
/// </summary>
public interface ITrainStep : IDisposable
{
    /// <summary>The primary replica, whose parameters the optimizer steps and the EMA follows.</summary>
    DamoYolo Model { get; }

    /// <summary>Zeroes the gradients, runs forward/loss/backward over <paramref name="batch"/> and leaves the summed gradients on <see cref="Model"/>.</summary>
    StepResult Run(TrainingBatch batch);

    /// <summary>Copies the primary's weights and BN buffers to the other replicas (nothing to do with one replica).</summary>
    void SyncReplicas();
}

/// <summary>
/// A step's losses on the host (one device-to-host transfer per step), averaged as the official trainer logs them,
/// and whether every loss and gradient was finite (a step with <see cref="Finite"/> false must not be applied).
/// </summary>
public sealed record StepResult(double Total, double Cls, double Bbox, double Dfl, double Positives, bool Finite);
