using System.Diagnostics;
using System.Reflection;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

/// <summary>
/// The self-contained archive without libtorch (scripts/publish-linux-x64.sh), unpacked in an empty folder,
/// runs <c>doctor --libtorch</c> against an existing libtorch: here the CPU libtorch NuGet package's folder.
/// </summary>
public class PublishTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Published_archive_runs_doctor_with_an_existing_libtorch()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        string packages = typeof(PublishTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string libtorch = Path.Combine(packages, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(Path.Combine(libtorch, "libtorch.so")), libtorch);

        using var temp = RepoPaths.NewTempFolder();
        var publish = Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "publish-linux-x64.sh"), temp.File("out")], RepoPaths.Root);
        Assert.True(publish.Code == 0, publish.Output);
        string archive = temp.File("out/hipfx-linux-x64.tar.xz");
        Assert.InRange(new FileInfo(archive).Length, 1, 60L * 1024 * 1024);

        string empty = Directory.CreateDirectory(temp.File("unpacked")).FullName;
        Assert.Equal(0, Run("tar", ["-xJf", archive, "-C", empty], empty).Code);
        string exe = Path.Combine(empty, "hipfx-linux-x64", "hipfx");
        // The archive runs on other machines: its library carries the fix whatever this host's libstdc++ is.
        Assert.Equal(HipFx.Torch.Native.LibTorchSharpState.Patched,
            HipFx.Torch.Native.GlibcxxCompat.Inspect(Path.Combine(empty, "hipfx-linux-x64", "libLibTorchSharp.so")));

        var doctor = Run(exe, ["doctor", "--libtorch", libtorch], empty);
        Assert.True(doctor.Code == 0, doctor.Output);
        Assert.Contains("(--libtorch)", doctor.Output);
        Assert.Contains(libtorch, doctor.Output);

        var without = Run(exe, ["doctor"], empty);
        Assert.Equal(1, without.Code);
        Assert.Contains("--libtorch", without.Output);
    }

    private static (int Code, string Output) Run(string file, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("HIPFX_LIBTORCH");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
