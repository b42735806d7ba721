using HipFx.Core;

namespace HipFx.Torch.Tests;

public class DeviceSpecTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("CPU", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("cuda:1", "cuda:1")]
    [InlineData("cuda:0,1", "cuda:0,1")]
    [InlineData(" cuda:2, 0 ", "cuda:2,0")]
    public void Parses_device_specs(string text, string expected)
    {
        Assert.Equal(expected, DeviceSpec.Parse(text).ToString());
    }

    [Fact]
    public void Several_gpus_keep_their_order_and_give_torch_device_names()
    {
        var spec = DeviceSpec.Parse("cuda:1,0");
        Assert.True(spec.IsMultiGpu);
        Assert.Equal(["cuda:1", "cuda:0"], spec.TorchDeviceNames);
        Assert.Equal(["cpu"], DeviceSpec.Cpu.TorchDeviceNames);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:0,0")]
    public void Rejects_bad_specs_with_the_text_in_the_message(string text)
    {
        var e = Assert.Throws<HipFxConfigException>(() => DeviceSpec.Parse(text));
        Assert.Contains(text, e.Message);
    }
}
