namespace HipFx.Cli.Tests;

public class DoctorCommandTests
{
    [Fact]
    public void Reports_versions_libtorch_and_devices()
    {
        var (code, output, err) = CliRunner.Run("doctor");
        Assert.True(code == 0, err);
        Assert.Contains("TorchSharp             0.107.0", output);
        Assert.Contains("libtorch folder", output);
        Assert.Contains("Debian compat fix", output);
        Assert.Matches(@"CPU threads\s+\d+", output);
        Assert.Contains("device                 cpu (ok)", output);
    }

    [Fact]
    public void A_missing_gpu_is_a_failure_with_a_clear_message()
    {
        var (code, output, err) = CliRunner.Run("doctor", "--device", "cuda:7");
        if (output.Contains("CUDA                   available"))
        {
            return; // a machine with 8+ GPUs: nothing to check here
        }
        Assert.Equal(1, code);
        Assert.Contains("cuda:7", err);
    }

    [Fact]
    public void A_malformed_device_is_a_usage_error()
    {
        var (code, _, err) = CliRunner.Run("doctor", "--device", "tpu:0");
        Assert.Equal(2, code);
        Assert.Contains("tpu:0", err);
    }
}
