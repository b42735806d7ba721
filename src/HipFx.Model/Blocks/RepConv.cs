using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// DAMO-YOLO's RepConv (damo-yolo-t.md §1.6): act(ConvBN3x3(x) + ConvBN1x1(x)), with no identity branch.
/// The training form has <c>rbr_dense.*</c> and <c>rbr_1x1.*</c>; the deploy form (built with
/// <c>deploy: true</c>, weights from <see cref="HipFx.Model.Weights.RepConvFusion"/>) has one biased 3×3 conv,
/// <c>rbr_reparam.weight</c>/<c>rbr_reparam.bias</c>, as after the official <c>switch_to_deploy</c>.
/// </summary>
public sealed class RepConv : nn.Module<Tensor, Tensor>
{
    private readonly ConvBn? rbr_dense;
    private readonly ConvBn? rbr_1x1;
    private readonly Conv2d? rbr_reparam;
    private readonly Activation act;

    public RepConv(long cin, long cout, long stride, Activation activation, bool deploy) : base(nameof(RepConv))
    {
        if (deploy)
        {
            rbr_reparam = nn.Conv2d(cin, cout, 3, stride: stride, padding: 1, bias: true);
        }
        else
        {
            rbr_dense = new ConvBn(cin, cout, 3, stride, padding: 1);
            rbr_1x1 = new ConvBn(cin, cout, 1, stride, padding: 0);
        }
        act = activation;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        if (rbr_reparam is not null)
        {
            return act.ApplyConsuming(rbr_reparam.call(x));
        }
        var sum = rbr_dense!.call(x);
        using (var one = rbr_1x1!.call(x))
        {
            // In place on the BN output: BatchNorm's backward needs its input, not its output.
            sum.add_(one);
        }
        return act.ApplyConsuming(sum);
    }
}
