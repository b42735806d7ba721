using HipFx.Model.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Backbone;

/// <summary>
/// One TinyNAS stage (damo-yolo-t.md §1.4): <c>block_list</c> = ResConvBlock(in→out, stride) then
/// ResConvBlock(out→out, 1) × (L−1); with SPP, an SPPBottleneck(out, out) right after block 0.
/// </summary>
public sealed class SuperResStem : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> block_list;

    public SuperResStem(TinyNasStage stage, bool deploy) : base(nameof(SuperResStem))
    {
        block_list = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (int i = 0; i < stage.Blocks; i++)
        {
            block_list.Add(i == 0
                ? new ResConvBlock(stage.In, stage.Out, stage.Bottleneck, stage.Stride, deploy)
                : new ResConvBlock(stage.Out, stage.Out, stage.Bottleneck, 1, deploy));
            if (i == 0 && stage.WithSpp)
            {
                block_list.Add(new SppBottleneck(stage.Out, stage.Out));
            }
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = x;
        foreach (var block in block_list)
        {
            var next = block.call(y);
            if (!ReferenceEquals(y, x))
            {
                y.Dispose();
            }
            y = next;
        }
        return y;
    }
}
