using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// Conv2d (no bias) → BatchNorm2d → activation; padding (k-1)/2. State-dict keys <c>conv.weight</c>,
/// <c>bn.weight</c>, <c>bn.running_mean</c>, ... as in the official ConvBNAct.
/// </summary>
public sealed class ConvBnAct : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Activation act;

    public ConvBnAct(long cin, long cout, long kernel, long stride, Activation activation) : base(nameof(ConvBnAct))
    {
        conv = nn.Conv2d(cin, cout, kernel, stride: stride, padding: (kernel - 1) / 2, bias: false);
        bn = BatchNorms.Create(cout);
        act = activation;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => act.ApplyConsuming(conv.call(x).Then(bn.call));
}
