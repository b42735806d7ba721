using static TorchSharp.torch;

namespace HipFx.Model.Head;

/// <summary>
/// GFL's integral over the reg_max+1 bins: distance = Σ_j j·softmax_j. Holds the persistent buffer
/// <c>project</c> = [0, 1, …, reg_max], saved in the state_dict as <c>head.integral.project</c>.
/// </summary>
public sealed class Integral : nn.Module<Tensor, Tensor>
{
    private readonly Tensor project;

    public Integral(int regMax) : base(nameof(Integral))
    {
        project = linspace(0, regMax, regMax + 1, dtype: ScalarType.Float32);
        RegisterComponents();
    }

    /// <summary>(..., 4, reg_max+1) logits → (..., 4) expected distances in stride units.</summary>
    public override Tensor forward(Tensor logits)
    {
        using var probabilities = nn.functional.softmax(logits, dim: -1);
        using var p = project.to(probabilities.dtype);
        return matmul(probabilities, p);
    }
}
