using HipFx.Model.Blocks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Backbone;

/// <summary>
/// TinyNAS_res backbone with the L20 k1kx structure (damo-yolo-t.md §1): Focus stem, five SuperResStem stages,
/// SPP in the last. Returns [C3 (96, /8), C4 (192, /16), C5 (384, /32)], the outputs of blocks 2, 4 and 5.
/// </summary>
public sealed class TinyNas : nn.Module<Tensor, Tensor[]>
{
    /// <summary>The L20 stage table (structure text after use_focus and with_spp), idx 1..5.</summary>
    public static IReadOnlyList<TinyNasStage> L20Stages { get; } =
    [
        new(In: 24, Out: 64, Bottleneck: 24, Stride: 2, Blocks: 2),
        new(In: 64, Out: 96, Bottleneck: 64, Stride: 2, Blocks: 2),
        new(In: 96, Out: 192, Bottleneck: 96, Stride: 2, Blocks: 2),
        new(In: 192, Out: 192, Bottleneck: 152, Stride: 1, Blocks: 2),
        new(In: 192, Out: 384, Bottleneck: 192, Stride: 2, Blocks: 1, WithSpp: true),
    ];

    /// <summary>Indices in <c>block_list</c> whose outputs feed the neck.</summary>
    public static IReadOnlyList<int> OutIndices { get; } = [2, 4, 5];

    private readonly ModuleList<nn.Module<Tensor, Tensor>> block_list;

    public TinyNas(bool deploy) : base(nameof(TinyNas))
    {
        block_list = new ModuleList<nn.Module<Tensor, Tensor>>();
        block_list.Add(new Focus(3, 24, 3, Activation.ReLU));
        foreach (var stage in L20Stages)
        {
            block_list.Add(new SuperResStem(stage, deploy));
        }
        RegisterComponents();
    }

    public override Tensor[] forward(Tensor x)
    {
        var outputs = new List<Tensor>(OutIndices.Count);
        var y = x;
        for (int i = 0; i < block_list.Count; i++)
        {
            var next = block_list[i].call(y);
            if (!ReferenceEquals(y, x) && !OutIndices.Contains(i - 1))
            {
                y.Dispose();
            }
            y = next;
            if (OutIndices.Contains(i))
            {
                outputs.Add(y);
            }
        }
        return [.. outputs];
    }
}
