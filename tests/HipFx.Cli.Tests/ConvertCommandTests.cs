using HipFx.Cli;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

public sealed class ConvertCommandTests
{
    private static string Dicom(string name) => RepoPaths.SharedFile("data", "dicom", name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = HipFxApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Converts_and_exits_1_when_a_file_failed()
    {
        using var input = RepoPaths.NewTempFolder();
        using var output = RepoPaths.NewTempFolder();
        File.Copy(Dicom("MR_small.dcm"), input.File("a.dcm"));
        File.Copy(Dicom("malformed/no_meta.dcm"), input.File("b.dcm"));
        var (code, stdout, _) = Run("convert", "--in", input.Path, "--out", output.Path, "--salt", "s3cret", "--window", "auto");
        Assert.Equal(1, code);
        Assert.Contains("| converted                 | 1     |", stdout);
        Assert.Contains("| failed                    | 1     |", stdout);
        Assert.Contains("b.dcm", stdout);
        Assert.Contains("not a DICOM file", stdout);
        Assert.True(File.Exists(Path.Combine(output.Path, "manifest.csv")));
    }

    [Fact]
    public void Exits_0_when_every_file_converted()
    {
        using var input = RepoPaths.NewTempFolder();
        using var output = RepoPaths.NewTempFolder();
        File.Copy(Dicom("CR1_6154.dcm"), input.File("x.dcm"));
        var (code, stdout, _) = Run("convert", "--in", input.Path, "--out", output.Path, "--salt", "s3cret", "--max-size", "32");
        Assert.Equal(0, code);
        Assert.Contains("1 converted", stdout);
    }

    [Theory]
    [InlineData("--window", "bright")]
    [InlineData("--window", "40,0")]
    [InlineData("--max-size", "3")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var input = RepoPaths.NewTempFolder();
        var (code, _, stderr) = Run("convert", "--in", input.Path, "--out", input.File("o"), "--salt", "s", option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
    }
}
