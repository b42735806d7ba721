using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Torch;

/// <summary>
/// The channels-last (NHWC) memory layout of 4-D tensors. TorchSharp 0.107 has no API that takes a memory format
/// (torchsharp-notes.md §2), so the layout is made the way PyTorch's own <c>channels_last</c> is: the data stored
/// N, H, W, C and viewed back as N×C×H×W. Values and shapes do not change, only the strides. Given channels-last
/// input, oneDNN (CPU) and cuDNN run NHWC convolution kernels without reordering every input and output, and the
/// layout flows through BatchNorm, activations and the convolutions that follow (PyTorch picks the NHWC path when
/// the input or the weight is channels-last). Code that reads a tensor's memory directly must make it
/// contiguous first (<see cref="Tensor.contiguous()"/>), as the safetensors writer does.
/// </summary>
public static class ChannelsLast
{
    /// <summary>A channels-last copy of 4-D <paramref name="x"/> (the same values, NHWC strides).</summary>
    public static Tensor Of(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
        {
            throw new ArgumentException($"channels-last needs a 4-D tensor, got {x.dim()}-D", nameof(x));
        }
        using var scope = NewDisposeScope();
        return x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>Whether 4-D <paramref name="x"/> is stored channels-last (its strides are those of an NHWC-contiguous tensor).</summary>
    public static bool Is(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
        {
            return false;
        }
        long[] size = x.shape;
        long[] stride = x.stride();
        long c = size[1], h = size[2], w = size[3];
        return (c == 1 || stride[1] == 1)
            && (w == 1 || stride[3] == c)
            && (h == 1 || stride[2] == w * c)
            && (size[0] == 1 || stride[0] == h * w * c);
    }
}
