using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>The activations DAMO-YOLO-T uses: ReLU in backbone and neck, SiLU only in the SPP block.</summary>
public enum Activation
{
    Identity,
    ReLU,
    SiLU,
}

internal static class ActivationExtensions
{
    /// <summary>
    /// Applies the activation out of place (autograd-safe) and disposes the handle of <paramref name="x"/> when a new
    /// tensor was made. Activations are stateless, so they add no state_dict entries, as in the official model.
    /// </summary>
    public static Tensor ApplyConsuming(this Activation kind, Tensor x)
    {
        var y = kind switch
        {
            Activation.Identity => x,
            Activation.ReLU => nn.functional.relu(x),
            Activation.SiLU => nn.functional.silu(x),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
        };
        if (!ReferenceEquals(x, y))
        {
            x.Dispose();
        }
        return y;
    }
}

internal static class TensorHandles
{
    /// <summary>Runs <paramref name="f"/> on <paramref name="x"/> and disposes the handle of <paramref name="x"/>.</summary>
    public static Tensor Then(this Tensor x, Func<Tensor, Tensor> f)
    {
        var y = f(x);
        if (!ReferenceEquals(x, y))
        {
            x.Dispose();
        }
        return y;
    }
}
