using HipFx.Model.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Neck;

/// <summary>
/// RepGFPN CSPStage (damo-yolo-t.md §2.1): conv1 (1×1, in→out/2) and conv2 (1×1, in→out−out/2); conv2's output
/// runs through <paramref name="depth"/> BasicBlock_3x3_Reverse in sequence; concat [conv1, block 1..n outputs]
/// (not the raw conv2 output), then conv3 (1×1) to out. ReLU throughout.
/// </summary>
public sealed class CspStage : nn.Module<Tensor, Tensor>
{
    private readonly ConvBnAct conv1;
    private readonly ConvBnAct conv2;
    private readonly ModuleList<BasicBlock3x3Reverse> convs;
    private readonly ConvBnAct conv3;

    public CspStage(long cin, long cout, int depth, bool deploy) : base(nameof(CspStage))
    {
        long first = cout / 2;
        long mid = cout - first;
        conv1 = new ConvBnAct(cin, first, 1, 1, Activation.ReLU);
        conv2 = new ConvBnAct(cin, mid, 1, 1, Activation.ReLU);
        convs = new ModuleList<BasicBlock3x3Reverse>(
            Enumerable.Range(0, depth).Select(_ => new BasicBlock3x3Reverse(mid, deploy)).ToArray());
        conv3 = new ConvBnAct(first + depth * mid, cout, 1, 1, Activation.ReLU);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var parts = new List<Tensor>(convs.Count + 1) { conv1.call(x) };
        try
        {
            var y = conv2.call(x);
            foreach (var block in convs)
            {
                var next = block.call(y);
                if (parts.Count == 1)
                {
                    y.Dispose(); // the raw conv2 output is not concatenated
                }
                parts.Add(next);
                y = next;
            }
            using var joined = cat(parts, dim: 1);
            return conv3.call(joined);
        }
        finally
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }
        }
    }
}
