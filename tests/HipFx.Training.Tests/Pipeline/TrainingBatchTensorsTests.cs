using HipFx.Core;
using HipFx.Training.Pipeline;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Pipeline;

public sealed class TrainingBatchTensorsTests
{
    [Fact]
    public void A_range_becomes_three_equal_float_channels_and_padded_truth()
    {
        var pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 20);
        }
        using var batch = new FakeBatch(pixels, 2, 3, [[], [new GroundTruthBox(FractureClass.StableItf, new Box(0, 0, 1, 2))], []]);
        using var tensors = TrainingBatchTensors.From(batch, 1, 2, CPU);
        Assert.Equal([2L, 3, 2, 2], tensors.Images.shape);
        Assert.Equal(ScalarType.Float32, tensors.Images.dtype);
        Assert.Equal(80f, tensors.Images[0, 2, 0, 0].item<float>());
        Assert.Equal(220f, tensors.Images[1, 0, 1, 1].item<float>());
        Assert.Equal([2L, 1, 4], tensors.Truth.Boxes.shape);
        Assert.True(tensors.Truth.Mask[0, 0].item<bool>());
        Assert.False(tensors.Truth.Mask[1, 0].item<bool>());
    }

    [Fact]
    public void Channels_last_images_hold_the_same_values_stored_nhwc()
    {
        var pixels = new byte[2 * 4 * 4];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 7);
        }
        using var batch = new FakeBatch(pixels, 4, 2, [[], []]);
        using var plain = TrainingBatchTensors.From(batch, 0, 2, CPU);
        using var nhwc = TrainingBatchTensors.From(batch, 0, 2, CPU, channelsLast: true);
        Assert.True(plain.Images.is_contiguous());
        Assert.False(HipFx.Torch.ChannelsLast.Is(plain.Images));
        Assert.True(HipFx.Torch.ChannelsLast.Is(nhwc.Images));
        Assert.Equal(plain.Images.shape, nhwc.Images.shape);
        using var same = plain.Images.eq(nhwc.Images).all();
        Assert.True(same.item<bool>());
    }

    private sealed class FakeBatch(byte[] pixels, int size, int count, IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes) : TrainingBatch
    {
        public override int Size => size;

        public override int Count => count;

        public override ReadOnlyMemory<byte> Pixels => pixels;

        public override IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes => boxes;

        public override IReadOnlyList<string> ImageIds => ["a", "b", "c"];

        public override int Epoch => 0;

        public override int Index => 0;

        public override void Dispose()
        {
        }
    }
}
