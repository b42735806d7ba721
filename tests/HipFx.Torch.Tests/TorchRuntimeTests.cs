using HipFx.Tests;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Torch.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Loads_libtorch_and_runs_a_convolution()
    {
        var info = TorchRuntime.EnsureInitialized();
        Assert.Equal("0.107.0", info.TorchSharpVersion);
        Assert.True(info.CpuThreads >= 1);

        using var scope = NewDisposeScope();
        var x = ones(1, 2, 5, 5);
        var w = ones(3, 2, 3, 3);
        var y = nn.functional.conv2d(x, w, padding: [1, 1]);
        Assert.Equal(new long[] { 1, 3, 5, 5 }, y.shape);
        Assert.Equal(18f, y[0, 0, 2, 2].item<float>()); // 3x3 window x 2 channels of ones
        Assert.Equal(8f, y[0, 1, 0, 0].item<float>());  // corner: 2x2 window x 2 channels
    }

    [Fact]
    public void Cuda_on_a_machine_without_it_is_a_clear_error()
    {
        var info = TorchRuntime.EnsureInitialized();
        if (info.CudaAvailable)
        {
            Assert.Throws<TorchLoadException>(() => TorchRuntime.Resolve(DeviceSpec.Parse($"cuda:{info.CudaDeviceCount}")));
            return;
        }
        var e = Assert.Throws<TorchLoadException>(() => TorchRuntime.Resolve(DeviceSpec.Parse("cuda:0")));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Equal("cpu", Assert.Single(TorchRuntime.Resolve(DeviceSpec.Cpu)).type.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Asking_for_another_libtorch_after_loading_is_refused()
    {
        TorchRuntime.EnsureInitialized();
        Assert.Throws<InvalidOperationException>(() =>
            TorchRuntime.Initialize(new TorchRuntimeOptions { LibtorchDirectory = "/nonexistent/torch/lib" }));
    }
}
