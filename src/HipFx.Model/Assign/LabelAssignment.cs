using static TorchSharp.torch;

namespace HipFx.Model.Assign;

/// <summary>
/// The result of label assignment for a batch, one entry per (image, prior), all on the model's device and
/// detached:
/// <list type="bullet">
/// <item><see cref="Foreground"/> N×P bool: the prior is a positive;</item>
/// <item><see cref="GtIndex"/> N×P int64: index of the matched GT in the padded batch, −1 for background;</item>
/// <item><see cref="Labels"/> N×P int64: class of the matched GT, <c>numClasses</c> for background;</item>
/// <item><see cref="Quality"/> N×P float: IoU of the prior's decoded box with its GT (the QFL target), 0 for background;</item>
/// <item><see cref="TargetBoxes"/> N×P×4 float: the matched GT box (xyxy), zeros for background.</item>
/// </list>
/// </summary>
public sealed record LabelAssignment(Tensor Foreground, Tensor GtIndex, Tensor Labels, Tensor Quality, Tensor TargetBoxes)
    : IDisposable
{
    public void Dispose()
    {
        Foreground.Dispose();
        GtIndex.Dispose();
        Labels.Dispose();
        Quality.Dispose();
        TargetBoxes.Dispose();
    }
}
