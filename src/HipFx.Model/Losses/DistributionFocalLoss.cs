using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// Distribution Focal Loss (GFL; damo-yolo-t.md §4): for a continuous target distance t between bins l = ⌊t⌋ and
/// l + 1, the cross-entropy of the bin logits towards both neighbours, weighted by closeness:
/// CE(logits, l)·(l + 1 − t) + CE(logits, l + 1)·(t − l). Targets must lie in [0, n − 1) for n bins
/// (ZeroHead clamps them to [0, reg_max − 0.1]).
/// </summary>
public static class DistributionFocalLoss
{
    /// <summary>
    /// <paramref name="logits"/> [..., n] (pre-softmax bin logits), <paramref name="targets"/> [...] → loss [...].
    /// </summary>
    public static Tensor Elementwise(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(logits, dim: -1);
        var left = targets.floor().to(ScalarType.Int64);
        var right = left + 1;
        var weightLeft = right.to(targets.dtype) - targets;
        var weightRight = targets - left.to(targets.dtype);
        var crossEntropyLeft = -logProbabilities.gather(-1, left.unsqueeze(-1)).squeeze(-1);
        var crossEntropyRight = -logProbabilities.gather(-1, right.unsqueeze(-1)).squeeze(-1);
        return (crossEntropyLeft * weightLeft + crossEntropyRight * weightRight).MoveToOuterDisposeScope();
    }
}
