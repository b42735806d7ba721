using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Blocks;

/// <summary>DAMO-YOLO's BatchNorm settings (damo-yolo-t.md §0): eps 1e-3, momentum 0.03 (PyTorch convention).</summary>
public static class BatchNorms
{
    public const double Eps = 1e-3;
    public const double Momentum = 0.03;

    public static BatchNorm2d Create(long channels) => nn.BatchNorm2d(channels, eps: Eps, momentum: Momentum);
}
