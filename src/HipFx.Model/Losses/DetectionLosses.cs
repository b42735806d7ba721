using static TorchSharp.torch;

namespace HipFx.Model.Losses;

/// <summary>
/// ZeroHead's losses for one batch (damo-yolo-t.md §4), all 0-dim float32 tensors on the model's device:
/// <see cref="Total"/> = <see cref="Cls"/> (QFL) + <see cref="Bbox"/> (GIoU) + <see cref="Dfl"/>, the one to call
/// <c>backward()</c> on; <see cref="Positives"/> is the number of positive priors of the batch (no gradient).
/// </summary>
public sealed record DetectionLosses(Tensor Total, Tensor Cls, Tensor Bbox, Tensor Dfl, Tensor Positives) : IDisposable
{
    public void Dispose()
    {
        Total.Dispose();
        Cls.Dispose();
        Bbox.Dispose();
        Dfl.Dispose();
        Positives.Dispose();
    }
}
