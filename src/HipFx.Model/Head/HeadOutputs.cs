using static TorchSharp.torch;

namespace HipFx.Model.Head;

/// <summary>
/// Raw per-level head outputs: <see cref="ClsLogits"/>[i] is gfl_cls[i](P_i), N×C×H×W, before the sigmoid;
/// <see cref="RegLogits"/>[i] is Scale_i(gfl_reg[i](P_i)), N×68×H×W, before the softmax, channel = side·17 + bin
/// with sides (left, top, right, bottom). Levels in stride order 8, 16, 32.
/// </summary>
public sealed record HeadLogits(Tensor[] ClsLogits, Tensor[] RegLogits) : IDisposable
{
    public void Dispose()
    {
        foreach (var t in ClsLogits.Concat(RegLogits))
        {
            t.Dispose();
        }
    }
}

/// <summary>
/// Dense head outputs over all priors of all levels (P = Σ H_i·W_i, levels concatenated, each row-major):
/// <list type="bullet">
/// <item><see cref="ClsLogits"/> N×P×C and <see cref="Scores"/> = sigmoid, N×P×C (joint class-quality scores);</item>
/// <item><see cref="RegLogits"/> N×P×4×(reg_max+1), after Scale, before the softmax (for the DFL);</item>
/// <item><see cref="Boxes"/> N×P×4 decoded xyxy in input pixels, unclipped, with gradient in training;</item>
/// <item><see cref="Priors"/> P×4 rows (x, y, stride, stride) with x = col·stride, y = row·stride.</item>
/// </list>
/// </summary>
public sealed record DensePredictions(Tensor ClsLogits, Tensor Scores, Tensor RegLogits, Tensor Boxes, Tensor Priors)
    : IDisposable
{
    public void Dispose()
    {
        ClsLogits.Dispose();
        Scores.Dispose();
        RegLogits.Dispose();
        Boxes.Dispose();
        Priors.Dispose();
    }
}
