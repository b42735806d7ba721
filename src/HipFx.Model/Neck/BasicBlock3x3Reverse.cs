using HipFx.Model.Blocks;
using static TorchSharp.torch;

namespace HipFx.Model.Neck;

/// <summary>
/// The neck's BasicBlock_3x3_Reverse (damo-yolo-t.md §2.1): x + ConvBNAct3x3(RepConv3x3(x)), ReLU in both,
/// no activation after the addition. <c>conv2</c> (the RepConv) runs first, although <c>conv1</c> comes first in
/// the state_dict.
/// </summary>
public sealed class BasicBlock3x3Reverse : nn.Module<Tensor, Tensor>
{
    private readonly ConvBnAct conv1;
    private readonly RepConv conv2;

    public BasicBlock3x3Reverse(long channels, bool deploy) : base(nameof(BasicBlock3x3Reverse))
    {
        conv1 = new ConvBnAct(channels, channels, 3, 1, Activation.ReLU);
        conv2 = new RepConv(channels, channels, 1, Activation.ReLU, deploy);
        RegisterComponents();
    }

    // Out of place: conv1 ends in a ReLU, whose backward needs its output unchanged.
    public override Tensor forward(Tensor x) => conv2.call(x).Then(conv1.call).Then(y => x + y);
}
