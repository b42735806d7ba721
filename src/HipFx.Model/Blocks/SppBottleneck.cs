using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// YOLOv3-style SPP (damo-yolo-t.md §1.5): 1×1 ConvBNAct to half width, concat with max-pools 5/9/13 (stride 1),
/// 1×1 ConvBNAct back. Uses SiLU (the official default, never overridden). Keys <c>conv1.*</c>, <c>conv2.*</c>.
/// </summary>
public sealed class SppBottleneck : nn.Module<Tensor, Tensor>
{
    private static readonly long[] PoolKernels = [5, 9, 13];

    private readonly ConvBnAct conv1;
    private readonly ModuleList<MaxPool2d> m;
    private readonly ConvBnAct conv2;

    public SppBottleneck(long cin, long cout, Activation activation = Activation.SiLU) : base(nameof(SppBottleneck))
    {
        long hidden = cin / 2;
        conv1 = new ConvBnAct(cin, hidden, 1, 1, activation);
        m = new ModuleList<MaxPool2d>(PoolKernels.Select(k => nn.MaxPool2d(k, stride: 1, padding: k / 2)).ToArray());
        conv2 = new ConvBnAct(hidden * (PoolKernels.Length + 1), cout, 1, 1, activation);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var y = conv1.call(x);
        var parts = new List<Tensor> { y };
        try
        {
            foreach (var pool in m)
            {
                parts.Add(pool.call(y));
            }
            using var joined = cat(parts, dim: 1);
            return conv2.call(joined);
        }
        finally
        {
            foreach (var p in parts.Skip(1))
            {
                p.Dispose();
            }
        }
    }
}
