using HipFx.Model.Assign;
using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// ZeroHead's losses for one batch (damo-yolo-t.md §4), all 0-dim tensors on the model's device:
/// <see cref="Total"/> = <see cref="Cls"/> (QFL) + <see cref="Bbox"/> (GIoU) + <see cref="Dfl"/>, the only one to
/// call <c>backward()</c> on. <see cref="Assignment"/> is the label assignment they were computed from.
/// </summary>
public sealed record DetectionLosses(Tensor Total, Tensor Cls, Tensor Bbox, Tensor Dfl, LabelAssignment Assignment)
    : IDisposable
{
    public void Dispose()
    {
        Total.Dispose();
        Cls.Dispose();
        Bbox.Dispose();
        Dfl.Dispose();
        Assignment.Dispose();
    }
}
