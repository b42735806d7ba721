using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// Quality Focal Loss (GFL; damo-yolo-t.md §4) on probabilities, as ZeroHead uses it (use_sigmoid = False):
/// for every prior and class, BCE(p, q)·|q − p|^β, where the target q is the IoU quality at the assigned class of
/// a positive prior and 0 everywhere else. With q = 0 this is BCE(p, 0)·p^β, the negative term of the reference;
/// at a positive's assigned class it is the positive term. The BCE is libtorch's (log clamped at −100).
/// </summary>
public static class QualityFocalLoss
{
    /// <summary>The modulating exponent β of DAMO-YOLO.</summary>
    public const double DefaultBeta = 2.0;

    /// <summary>
    /// Element-wise loss, same shape as <paramref name="probabilities"/>. <paramref name="qualityTargets"/> holds
    /// q in [0, 1] (detached); gradients flow into <paramref name="probabilities"/> only.
    /// </summary>
    public static Tensor Elementwise(Tensor probabilities, Tensor qualityTargets, double beta = DefaultBeta)
    {
        using var scope = NewDisposeScope();
        // libtorch's BCE refuses a NaN input with an exception ("all elements of input should be between 0 and 1"),
        // which would end a run that diverged instead of letting the trainer skip the step. nan_to_num is the identity
        // on every finite p (values and gradients unchanged); a NaN p still makes this element NaN through the modulation,
        // so the loss reports it and the step is skipped.
        var bce = nn.functional.binary_cross_entropy(probabilities.nan_to_num(0.5), qualityTargets, reduction: nn.Reduction.None);
        var modulation = (qualityTargets - probabilities).abs().pow(beta);
        return (bce * modulation).MoveToOuterDisposeScope();
    }
}
