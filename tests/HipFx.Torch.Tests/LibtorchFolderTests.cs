using HipFx.Tests;

namespace HipFx.Torch.Tests;

public class LibtorchFolderTests
{
    [Fact]
    public void A_missing_folder_is_named_in_the_error()
    {
        var e = Assert.Throws<TorchLoadException>(() => LibtorchFolder.Open("/nonexistent/torch/lib"));
        Assert.Contains("/nonexistent/torch/lib", e.Message);
    }

    [Fact]
    public void A_folder_without_libtorch_lists_what_is_missing()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.WriteAllText(temp.File("libc10.so"), "");
        var e = Assert.Throws<TorchLoadException>(() => LibtorchFolder.Open(temp.Path));
        Assert.Contains("libtorch_cpu.so", e.Message);
        Assert.Contains("libtorch.so", e.Message);
        Assert.DoesNotContain("libc10.so,", e.Message);
    }

    [Fact]
    public void Version_comes_from_a_pytorch_install()
    {
        using var temp = RepoPaths.NewTempFolder();
        string lib = Directory.CreateDirectory(Path.Combine(temp.Path, "torch", "lib")).FullName;
        File.WriteAllText(Path.Combine(temp.Path, "torch", "version.py"),
            "from typing import Optional\n__version__ = '2.11.0+cu130'\ngit_version = 'abc'\n");
        Assert.Equal("2.11.0+cu130", LibtorchFolder.DetectVersion(lib));
    }

    [Fact]
    public void Version_comes_from_a_libtorch_zip_or_a_package_path()
    {
        using var temp = RepoPaths.NewTempFolder();
        string lib = Directory.CreateDirectory(Path.Combine(temp.Path, "libtorch", "lib")).FullName;
        File.WriteAllText(Path.Combine(temp.Path, "libtorch", "build-version"), "2.10.0+cpu\n");
        Assert.Equal("2.10.0+cpu", LibtorchFolder.DetectVersion(lib));
        Assert.Equal("2.10.0", LibtorchFolder.DetectVersion("/p/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native"));
        Assert.Equal("unknown", LibtorchFolder.DetectVersion(temp.Path));
    }
}
