using HipFx.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Ema;

/// <summary>
/// The EMA of a model's state (damo-yolo-t.md §5.3): a second model in eval mode whose every floating state_dict
/// entry (parameters and BN running statistics) follows the training model as
/// ema = d·ema + (1 − d)·model with d = momentum·(1 − exp(−i/τ)); integer entries (num_batches_tracked) are copied.
/// Updated in place under no_grad, so it allocates nothing per step.
/// </summary>
public sealed class ModelEma : IDisposable
{
    private readonly EmaOptions options;
    private readonly (Tensor Ema, Tensor Source, bool Floating)[] pairs;

    /// <summary>Starts as a copy of <paramref name="source"/> (a new model from <paramref name="create"/>, on its device).</summary>
    public ModelEma(DamoYolo source, Func<DamoYolo> create, EmaOptions options)
    {
        this.options = options.Validated();
        Model = create();
        var device = source.parameters().First().device;
        Model.to(device);
        Model.eval();
        foreach (var p in Model.parameters())
        {
            p.requires_grad = false;
        }
        var sourceState = source.state_dict();
        var emaState = Model.state_dict();
        if (!sourceState.Keys.SequenceEqual(emaState.Keys))
        {
            throw new ArgumentException("the EMA model's state_dict keys differ from the source's", nameof(create));
        }
        pairs = emaState.Select(kv => (kv.Value, sourceState[kv.Key], kv.Value.is_floating_point())).ToArray();
        CopyFromSource();
    }

    /// <summary>The EMA model (eval mode, no gradients): validate and save this one.</summary>
    public DamoYolo Model { get; }

    /// <summary>The decay after the step of global iteration <paramref name="iteration"/> (0-based): 0 at the first step.
    /// With the EMA disabled the decay is always 0: the "EMA" is a copy of the raw weights after every step.</summary>
    public static double Decay(EmaOptions options, long iteration) =>
        options.Enabled ? options.Momentum * (1 - Math.Exp(-iteration / options.RampIterations)) : 0;

    /// <summary>Moves the EMA toward the source after the optimizer step of global iteration <paramref name="iteration"/>.</summary>
    public void Update(long iteration)
    {
        double d = Decay(options, iteration);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (ema, source, floating) in pairs)
        {
            if (floating)
            {
                ema.lerp_(source, 1 - d); // d·ema + (1 − d)·source in one kernel
            }
            else
            {
                ema.copy_(source);
            }
        }
    }

    /// <summary>Sets the EMA equal to the source (the state at i = 0, or after loading starting weights).</summary>
    public void CopyFromSource()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (ema, source, _) in pairs)
        {
            ema.copy_(source);
        }
    }

    public void Dispose() => Model.Dispose();
}
