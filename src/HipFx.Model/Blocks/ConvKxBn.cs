using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// The official ConvKXBN: Conv2d (no bias) → BatchNorm2d with the attribute names <c>conv1</c>, <c>bn1</c>
/// (keys <c>conv1.weight</c>, <c>bn1.running_var</c>, ...). Used as the 1×1 of a ResConvBlock.
/// </summary>
public sealed class ConvKxBn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;

    public ConvKxBn(long cin, long cout, long kernel, long stride) : base(nameof(ConvKxBn))
    {
        conv1 = nn.Conv2d(cin, cout, kernel, stride: stride, padding: (kernel - 1) / 2, bias: false);
        bn1 = BatchNorms.Create(cout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => conv1.call(x).Then(bn1.call);
}
