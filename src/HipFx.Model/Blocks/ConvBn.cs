using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// Conv2d (no bias) → BatchNorm2d: one RepConv branch (<c>rbr_dense</c>, <c>rbr_1x1</c>, keys <c>conv.*</c>,
/// <c>bn.*</c>) or the 1×1 of a ResConvBlock (keys <c>conv1.*</c>, <c>bn1.*</c>, see <see cref="ConvKxBn"/>).
/// </summary>
public sealed class ConvBn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    public ConvBn(long cin, long cout, long kernel, long stride, long padding) : base(nameof(ConvBn))
    {
        conv = nn.Conv2d(cin, cout, kernel, stride: stride, padding: padding, bias: false);
        bn = BatchNorms.Create(cout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => conv.call(x).Then(bn.call);
}
