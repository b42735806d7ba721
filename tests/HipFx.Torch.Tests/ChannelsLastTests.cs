using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Torch.Tests;

public class ChannelsLastTests
{
    public ChannelsLastTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Of_keeps_shape_and_values_and_stores_nhwc()
    {
        using var scope = NewDisposeScope();
        var x = arange(2 * 3 * 4 * 5, dtype: ScalarType.Float32).reshape(2, 3, 4, 5);
        Assert.False(ChannelsLast.Is(x));
        var y = ChannelsLast.Of(x);
        Assert.True(ChannelsLast.Is(y));
        Assert.Equal(x.shape, y.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, y.stride());
        Assert.True(Same(x, y));
        // Its memory really is N, H, W, C: made contiguous the other way round, it is the plain NHWC tensor.
        Assert.True(Same(y.permute(0, 2, 3, 1).contiguous(), x.permute(0, 2, 3, 1).contiguous()));
        Assert.Throws<ArgumentException>(() => ChannelsLast.Of(ones(3, 4)));
        Assert.False(ChannelsLast.Is(ones(3, 4)));
    }

    [Fact]
    public void A_convolution_gives_the_same_output_and_gradients_either_way()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(2, 4, 9, 9);
        var w = randn(6, 4, 3, 3).requires_grad_(true);
        var wl = ChannelsLast.Of(w.detach()).requires_grad_(true);
        var y = nn.functional.conv2d(x, w, padding: [1, 1]);
        var yl = nn.functional.conv2d(ChannelsLast.Of(x), wl, padding: [1, 1]);
        Assert.True(ChannelsLast.Is(yl)); // the layout flows to the output
        Assert.True(allclose(y, yl, rtol: 1e-5, atol: 1e-5));
        y.square().sum().backward();
        yl.square().sum().backward();
        Assert.True(allclose(w.grad!, wl.grad!, rtol: 1e-4, atol: 1e-4));
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();
}
