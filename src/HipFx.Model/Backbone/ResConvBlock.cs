using HipFx.Model.Blocks;
using static TorchSharp.torch;

namespace HipFx.Model.Backbone;

/// <summary>
/// TinyNAS k1kx residual block (damo-yolo-t.md §1.3): 1×1 ConvBN + ReLU (<c>conv1</c>), RepConv 3×3 with identity
/// activation (<c>conv2</c>), identity shortcut unless stride 2, then ReLU. In T every stride-1 block has in == out,
/// so no projection shortcut exists.
/// </summary>
public sealed class ResConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvKxBn conv1;
    private readonly RepConv conv2;
    private readonly bool residual;

    public ResConvBlock(long cin, long cout, long bottleneck, long stride, bool deploy) : base(nameof(ResConvBlock))
    {
        if (stride != 2 && cin != cout)
        {
            throw new ArgumentException($"a stride-{stride} block needs in == out (T has no projection shortcut), got {cin} → {cout}");
        }
        conv1 = new ConvKxBn(cin, bottleneck, 1, 1);
        conv2 = new RepConv(bottleneck, cout, stride, Activation.Identity, deploy);
        residual = stride != 2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = Activation.ReLU.ApplyConsuming(conv1.call(x)).Then(conv2.call);
        if (residual)
        {
            y.add_(x);
        }
        return Activation.ReLU.ApplyConsuming(y);
    }
}
