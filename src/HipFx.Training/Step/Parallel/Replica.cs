using HipFx.Model;
using HipFx.Model.Assign;
using HipFx.Model.Head;
using HipFx.Model.Losses;
using HipFx.Torch;
using HipFx.Training.Pipeline;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Step.Parallel;

/// <summary>
/// One model replica on one device, driven by its own <see cref="ReplicaThread"/>. A step is two calls on that
/// thread: <see cref="Forward"/> (tensors of its slice of the batch, forward, AlignOTA assignment, the slice's loss
/// normalisers) and <see cref="Backward"/> (losses with the normalisers shared across replicas, backward). Everything
/// the step makes lives in one dispose scope opened by <see cref="Forward"/> and disposed by <see cref="Backward"/>
/// (or <see cref="Abandon"/> after a failure), on the replica's thread.
/// </summary>
internal sealed class Replica : IDisposable
{
    private readonly ZeroHeadLoss loss;
    private readonly bool bf16;
    private readonly bool channelsLast;
    private readonly ReplicaThread thread;
    private DisposeScope? stepScope;
    private DensePredictions? predictions;
    private LabelAssignment? assignment;
    private readonly double[] phases = new double[4];
    private long mark;

    public Replica(int index, DamoYolo model, Device device, ZeroHeadLoss loss, bool bf16, bool channelsLast, int cpuThreads)
    {
        Index = index;
        Model = model;
        Device = device;
        this.loss = loss;
        this.bf16 = bf16;
        this.channelsLast = channelsLast;
        Parameters = model.parameters().ToArray();
        Buffers = model.buffers().ToArray();
        thread = new ReplicaThread($"hipfx-replica-{index}", () =>
        {
            if (device.type == DeviceType.CPU && cpuThreads > 0)
            {
                set_num_threads(cpuThreads); // the OpenMP thread count is per calling thread
            }
        });
    }

    public int Index { get; }

    public DamoYolo Model { get; }

    public Device Device { get; }

    /// <summary>The model's parameters in registration order (the same order on every replica).</summary>
    public TorchSharp.Modules.Parameter[] Parameters { get; }

    /// <summary>The model's buffers (BN running statistics) in registration order.</summary>
    public Tensor[] Buffers { get; }

    /// <summary>Whether to time the phases (with a device synchronisation after each on CUDA).</summary>
    public bool MeasurePhases { get; set; }

    /// <summary>Seconds of the last step's phases on this replica: to device, forward, assignment + loss, backward.</summary>
    public IReadOnlyList<double> Phases => phases;

    /// <summary>Zeroes the gradients, then forward and assignment of images [start, start+count) of the batch; returns the slice's raw normalisers.</summary>
    public Task<LossNormalizers> Forward(TrainingBatch batch, int start, int count, bool training) => thread.Post(() =>
    {
        stepScope = NewDisposeScope();
        try
        {
            Array.Clear(phases);
            Lap(-1);
            Model.zero_grad();
            Model.train(training);
            var tensors = TrainingBatchTensors.From(batch, start, count, Device, channelsLast);
            Lap(0);
            using (bf16 ? Autocast.Enter(Device.type) : null)
            {
                predictions = Model.call(tensors.Images);
            }
            Lap(1);
            assignment = loss.Assign(predictions, tensors.Truth);
            var normalizers = ZeroHeadLoss.Normalizers(predictions, assignment);
            Lap(2);
            return normalizers;
        }
        catch
        {
            EndStep();
            throw;
        }
    });

    /// <summary>
    /// Losses with the shared normalisers, backward of total ÷ <paramref name="replicas"/> (so the replicas'
    /// gradients add up to their mean), and the step's tensors disposed. Returns [total, cls, bbox, dfl, positives]
    /// (detached, on this replica's device), owned by the caller.
    /// </summary>
    public Task<Tensor> Backward(LossNormalizers shared, int replicas) => thread.Post(() =>
    {
        try
        {
            Lap(-1);
            var losses = loss.Compute(predictions!, assignment!, shared);
            Lap(2);
            (replicas == 1 ? losses.Total : losses.Total / replicas).backward();
            Lap(3);
            var summary = stack([losses.Total, losses.Cls, losses.Bbox, losses.Dfl, losses.Positives.to(ScalarType.Float32)]).detach();
            return summary.DetachFromDisposeScope();
        }
        finally
        {
            EndStep();
        }
    });

    /// <summary>Disposes a step left half done (another replica failed).</summary>
    public Task<bool> Abandon() => thread.Post(() =>
    {
        EndStep();
        return true;
    });

    /// <summary>Adds the time since the last mark to phase <paramref name="phase"/> (−1: only set the mark).</summary>
    private void Lap(int phase)
    {
        if (!MeasurePhases)
        {
            return;
        }
        if (phase >= 0 && Device.type == DeviceType.CUDA)
        {
            cuda.synchronize(Device);
        }
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (phase >= 0)
        {
            phases[phase] += System.Diagnostics.Stopwatch.GetElapsedTime(mark, now).TotalSeconds;
        }
        mark = now;
    }

    private void EndStep()
    {
        predictions = null;
        assignment = null;
        stepScope?.Dispose();
        stepScope = null;
    }

    public void Dispose() => thread.Dispose();
}
