using HipFx.Cli;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

public class SynthCommandTests
{
    [Fact]
    public void WritesADatasetAndReportsCounts()
    {
        using var temp = RepoPaths.NewTempFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = HipFxApp.Run(["synth", "--out", temp.Path, "--count", "6", "--size", "128", "--format", "png", "--difficulty", "hard"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.True(File.Exists(Path.Combine(temp.Path, "manifest.csv")));
        Assert.Equal(6, Directory.EnumerateFiles(Path.Combine(temp.Path, "images"), "*.png", SearchOption.AllDirectories).Count());
        Assert.Contains("6 images", stdout.ToString());
        Assert.Contains("difficulty 0.85", stdout.ToString());
    }

    [Theory]
    [InlineData("--difficulty", "brutal")]
    [InlineData("--institutions", "A,Z")]
    [InlineData("--institutions", "A:-1,B")]
    [InlineData("--count", "0")]
    public void BadOptionsAreUsageErrors(string option, string value)
    {
        using var temp = RepoPaths.NewTempFolder();
        var stderr = new StringWriter();
        int code = HipFxApp.Run(["synth", "--out", temp.Path, option, value], new StringWriter(), stderr);
        Assert.Equal(HipFxApp.ExitUsage, code);
        Assert.Contains(option.TrimStart('-'), stderr.ToString());
    }
}
