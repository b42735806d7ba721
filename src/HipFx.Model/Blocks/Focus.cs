using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>
/// Focus stem (damo-yolo-t.md §1.2): space-to-depth into 12 channels in the order (even row, even col),
/// (odd row, even col), (even row, odd col), (odd row, odd col), then a 3×3 ConvBNAct. Key prefix <c>conv.</c>.
/// </summary>
public sealed class Focus : nn.Module<Tensor, Tensor>
{
    private readonly ConvBnAct conv;

    public Focus(long cin, long cout, long kernel, Activation activation) : base(nameof(Focus))
    {
        conv = new ConvBnAct(cin * 4, cout, kernel, stride: 1, activation);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long h = x.shape[2], w = x.shape[3];
        using var rowsEven = x.slice(2, 0, h, 2);
        using var rowsOdd = x.slice(2, 1, h, 2);
        using var topLeft = rowsEven.slice(3, 0, w, 2);
        using var bottomLeft = rowsOdd.slice(3, 0, w, 2);
        using var topRight = rowsEven.slice(3, 1, w, 2);
        using var bottomRight = rowsOdd.slice(3, 1, w, 2);
        using var stacked = cat([topLeft, bottomLeft, topRight, bottomRight], dim: 1);
        return conv.call(stacked);
    }
}
