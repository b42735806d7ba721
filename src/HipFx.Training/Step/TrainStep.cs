using HipFx.Model;
using HipFx.Model.Losses;
using HipFx.Torch;
using HipFx.Training.Pipeline;
using HipFx.Training.Step.Parallel;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Step;

/// <summary>
/// The training step on one or more replicas of the model (data parallelism in one process; issue 14). One replica
/// per device; one replica takes the same path as several. Each replica runs on its own long-lived thread (TorchSharp
/// has no GIL: the threads launch kernels in parallel; dispose scopes, grad mode and autocast are per thread):
/// <list type="number">
/// <item>the batch is split into contiguous slices, the first <c>Count mod N</c> replicas taking one image more;</item>
/// <item>each replica zeroes its gradients, makes its slice's tensors on its device (the images channels-last when
/// set), runs forward (in bf16 autocast when set), AlignOTA assignment and its raw loss
/// normalisers;</item>
/// <item>the normalisers are averaged over replicas (<see cref="LossNormalizers.Mean"/>, the reference's
/// reduce_mean) and each replica computes its losses with the mean and back-propagates total ÷ N;</item>
/// <item>the replicas' gradients are summed onto the primary's (<see cref="Model"/>, first device): the mean of the
/// replicas' gradients, which equals the gradient of the whole batch on one replica (BN aside);</item>
/// <item>one host transfer gives the losses and whether the losses and gradients were finite.</item>
/// </list>
/// BatchNorm uses each replica's own slice statistics (the official trainer uses SyncBN over GPUs: a deviation
/// with several replicas, small with ≥ 16 images per device). The caller steps the optimizer on <see cref="Model"/>'s
/// parameters and then calls <see cref="SyncReplicas"/>.
/// <para>
/// The losses are clamped below at 1 after the normalisers are shared, as in the reference; while a shared
/// normaliser is below 1 (early in training, when the positives' scores are small) N replicas' losses and gradients
/// therefore differ from one replica's over the same batch, as the reference's multi-GPU losses do.
/// </para>
/// </summary>
public sealed class TrainStep : ITrainStep
{
    private readonly Replica[] replicas;

    private readonly int trimEvery;
    private long steps;

    private TrainStep(Replica[] replicas, int trimEvery)
    {
        this.replicas = replicas;
        this.trimEvery = trimEvery;
    }

    public DamoYolo Model => replicas[0].Model;

    /// <summary>
    /// Whether to time the step's phases (<see cref="LastPhases"/>); on CUDA this adds a device synchronisation after
    /// each phase, so leave it off outside benchmarks.
    /// </summary>
    public bool MeasurePhases
    {
        get => replicas[0].MeasurePhases;
        set
        {
            foreach (var r in replicas)
            {
                r.MeasurePhases = value;
            }
        }
    }

    /// <summary>The last step's phase times (slowest replica per phase), when <see cref="MeasurePhases"/> is on.</summary>
    public StepPhases? LastPhases { get; private set; }

    /// <summary>The number of replicas.</summary>
    public int ReplicaCount => replicas.Length;

    /// <summary>The replicas' devices, primary first.</summary>
    public IReadOnlyList<Device> Devices => replicas.Select(r => r.Device).ToArray();

    /// <summary>
    /// A step over <paramref name="model"/> (training form, already on the first of <paramref name="devices"/>) and one
    /// fresh replica per further device, each a copy of <paramref name="model"/>'s weights and buffers. The step does
    /// not own <paramref name="model"/>; it owns the other replicas. TF32 is set for CUDA as
    /// <paramref name="options"/> says.
    /// </summary>
    public static TrainStep Create(DamoYolo model, IReadOnlyList<Device> devices, StepOptions? options = null, ZeroHeadLossOptions? lossOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(devices);
        options = (options ?? new StepOptions()).Validate();
        if (devices.Count == 0)
        {
            throw new ArgumentException("at least one device is needed", nameof(devices));
        }
        if (model.IsDeploy)
        {
            throw new ArgumentException("training needs the model in training form (RepConv with two branches), not the fused deploy form", nameof(model));
        }
        if (options.Bf16 && !Autocast.IsAvailable)
        {
            throw new HipFx.Core.HipFxConfigException($"{StepOptions.Section}.bf16: bf16 autocast is not available with this libtorch ({Autocast.UnavailableReason})");
        }
        if (devices.Any(d => d.type == DeviceType.CUDA))
        {
            backends.cuda.matmul.allow_tf32 = options.Tf32;
            backends.cudnn.allow_tf32 = options.Tf32;
        }
        int cpuReplicas = devices.Count(d => d.type == DeviceType.CPU);
        int cpuThreads = cpuReplicas == 0 ? 0 : Math.Max(1, get_num_threads() / cpuReplicas);
        var list = new List<Replica>();
        try
        {
            for (int i = 0; i < devices.Count; i++)
            {
                var net = i == 0 ? model : DamoYolo.Tiny(model.NumClasses).to(devices[i]);
                list.Add(new Replica(i, net, devices[i], new ZeroHeadLoss(lossOptions), options.Bf16, options.ChannelsLast, cpuThreads));
            }
            var step = new TrainStep(list.ToArray(), options.TrimNativeHeapEvery);
            step.SyncReplicas();
            return step;
        }
        catch
        {
            foreach (var r in list)
            {
                r.Dispose();
                if (r.Index > 0)
                {
                    r.Model.Dispose();
                }
            }
            throw;
        }
    }

    /// <summary>
    /// The devices of a step: one per GPU of <paramref name="spec"/> on CUDA, <paramref name="options"/>' replica
    /// count of CPU devices on the CPU. Checks that the GPUs exist.
    /// </summary>
    public static IReadOnlyList<Device> DevicesFor(DeviceSpec spec, StepOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var resolved = TorchRuntime.Resolve(spec);
        return spec.Kind == DeviceKind.Cpu ? Enumerable.Repeat(resolved[0], options.Validate().Replicas).ToArray() : resolved;
    }

    /// <summary>Slices of a batch of <paramref name="count"/> images over <paramref name="replicas"/>: (start, count), empty slices left out.</summary>
    public static IReadOnlyList<(int Start, int Count)> Split(int count, int replicas)
    {
        var slices = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < replicas; i++)
        {
            int n = count / replicas + (i < count % replicas ? 1 : 0);
            if (n > 0)
            {
                slices.Add((start, n));
            }
            start += n;
        }
        return slices;
    }

    public StepResult Run(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var slices = Split(batch.Count, replicas.Length);
        bool training = Model.training;
        var active = replicas.Take(slices.Count).ToArray();
        foreach (var idle in replicas.Skip(slices.Count))
        {
            idle.Model.zero_grad();
        }
        var forward = active.Select((r, i) => r.Forward(batch, slices[i].Start, slices[i].Count, training)).ToArray();
        LossNormalizers[] raw;
        try
        {
            raw = ReplicaThread.Wait(forward);
        }
        catch
        {
            ReplicaThread.Wait(active.Select(r => r.Abandon()).ToArray());
            DisposeAll(forward.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            throw;
        }

        using var scope = NewDisposeScope();
        var device = replicas[0].Device;
        var shared = LossNormalizers.Mean(raw, device);
        DisposeAll(raw);
        var perReplica = active.Select(r => SameDevice(r.Device, device)
            ? shared
            : new LossNormalizers(shared.PositiveCount.to(r.Device), shared.WeightSum.to(r.Device))).ToArray();
        var summaries = ReplicaThread.Wait(active.Select((r, i) => r.Backward(perReplica[i], active.Length)).ToArray());
        foreach (var s in summaries)
        {
            scope.Attach(s);
        }
        long reduceStart = System.Diagnostics.Stopwatch.GetTimestamp();
        SumGradientsOntoPrimary(active);

        // Losses: the batch's loss is the mean of the replicas' (they share the normalisers); positives add up.
        var total = stack(summaries.Select(s => s.to(device)).ToArray()).sum([0L]);
        var losses = total[..4] / active.Length;
        // One finiteness check over every gradient: the sum is NaN/Inf if any element is (parameters without a gradient add nothing).
        var gradientSums = replicas[0].Parameters.Select(p => p.grad).OfType<Tensor>().Select(g => g.sum()).ToArray();
        var gradientSum = gradientSums.Length > 0 ? stack(gradientSums).sum().to(ScalarType.Float32) : zeros(1, device: device).squeeze();
        var host = cat([losses, total[4..], gradientSum.unsqueeze(0)]).to(ScalarType.Float64).cpu().data<double>().ToArray();
        bool finite = host.All(double.IsFinite);
        if (trimEvery > 0 && ++steps % trimEvery == 0)
        {
            scope.DisposeEverything();
            HipFx.Torch.Native.NativeHeap.Trim();
        }
        if (MeasurePhases)
        {
            double Slowest(int phase) => active.Max(r => r.Phases[phase]);
            LastPhases = new StepPhases(Slowest(0), Slowest(1), Slowest(2), Slowest(3),
                System.Diagnostics.Stopwatch.GetElapsedTime(reduceStart).TotalSeconds);
        }
        return new StepResult(host[0], host[1], host[2], host[3], host[4], finite);
    }

    /// <summary>Adds every other active replica's gradients into the primary's (in place on the first device).</summary>
    private void SumGradientsOntoPrimary(Replica[] active)
    {
        if (active.Length == 1)
        {
            return;
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var primary = replicas[0].Parameters;
        for (int k = 0; k < primary.Length; k++)
        {
            var sum = primary[k].grad;
            foreach (var r in active.Skip(1))
            {
                var g = r.Parameters[k].grad;
                if (g is null)
                {
                    continue;
                }
                if (sum is null)
                {
                    primary[k].grad = g.to(replicas[0].Device, copy: true);
                    sum = primary[k].grad;
                }
                else
                {
                    sum.add_(SameDevice(r.Device, replicas[0].Device) ? g : g.to(replicas[0].Device));
                }
            }
        }
    }

    /// <summary>Copies the primary's parameters and buffers (BN running statistics) into the other replicas, in place.</summary>
    public void SyncReplicas()
    {
        if (replicas.Length == 1)
        {
            return;
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var primary = replicas[0];
        foreach (var r in replicas.Skip(1))
        {
            for (int k = 0; k < primary.Parameters.Length; k++)
            {
                r.Parameters[k].copy_(primary.Parameters[k]);
            }
            for (int k = 0; k < primary.Buffers.Length; k++)
            {
                r.Buffers[k].copy_(primary.Buffers[k]);
            }
        }
    }

    private static bool SameDevice(Device a, Device b) => a.type == b.type && (a.type == DeviceType.CPU || a.index == b.index);

    private static void DisposeAll(IEnumerable<IDisposable> items)
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var r in replicas)
        {
            r.Dispose();
            if (r.Index > 0)
            {
                r.Model.Dispose();
            }
        }
    }
}
