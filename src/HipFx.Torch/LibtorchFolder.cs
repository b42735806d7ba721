using System.Text.RegularExpressions;
using HipFx.Torch.Native;

namespace HipFx.Torch;

/// <summary>
/// A folder of libtorch shared libraries given with <c>--libtorch</c> (a PyTorch install's <c>torch/lib</c>,
/// a libtorch zip's <c>lib</c>, or a libtorch NuGet package's native folder): what it holds and its version.
/// </summary>
public sealed partial record LibtorchFolder(string Directory, string Version, bool HasCuda)
{
    /// <summary>Libraries loaded, in dependency order; optional ones are skipped when absent.</summary>
    private static readonly (string File, bool Required)[] LoadOrder =
    [
        ("libtorch_global_deps.so", false),
        ("libc10.so", true),
        ("libc10_cuda.so", false),
        ("libtorch_cpu.so", true),
        ("libtorch_cuda.so", false),
        ("libtorch.so", true),
    ];

    /// <summary>Inspects <paramref name="directory"/>; throws when it is not a libtorch folder.</summary>
    public static LibtorchFolder Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new TorchLoadException($"--libtorch {directory}: the folder does not exist.");
        }
        var missing = LoadOrder.Where(l => l.Required && !File.Exists(Path.Combine(directory, l.File))).Select(l => l.File).ToList();
        if (missing.Count > 0)
        {
            throw new TorchLoadException(
                $"--libtorch {directory}: not a libtorch folder (missing {string.Join(", ", missing)}). "
                + "Give the folder that holds libtorch.so, e.g. python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))' + '/lib'.");
        }
        return new LibtorchFolder(directory, DetectVersion(directory), File.Exists(Path.Combine(directory, "libtorch_cuda.so")));
    }

    /// <summary>
    /// Loads every library eagerly (RTLD_NOW: each symbol resolved now, so a gap fails here and not mid-run)
    /// and globally (so TorchSharp's native library finds them), then <paramref name="libTorchSharp"/> itself.
    /// </summary>
    public void LoadEagerly(string libTorchSharp)
    {
        foreach (var (file, required) in LoadOrder)
        {
            string path = Path.Combine(Directory, file);
            if (!required && !File.Exists(path))
            {
                continue;
            }
            if (Libdl.Open(path, Libdl.RtldNow | Libdl.RtldGlobal) == 0)
            {
                throw new TorchLoadException(
                    $"--libtorch {Directory}: cannot load {file} (libtorch {Version}): {Libdl.LastError()}");
            }
        }
        if (Libdl.Open(libTorchSharp, Libdl.RtldNow | Libdl.RtldGlobal) == 0)
        {
            throw new TorchLoadException(
                $"--libtorch {Directory}: libtorch {Version} does not provide what TorchSharp {TorchRuntime.TorchSharpVersion} needs "
                + $"(built for libtorch {TorchRuntime.ExpectedLibtorchVersion}): {Libdl.LastError()}");
        }
    }

    /// <summary>
    /// The libtorch version, from a PyTorch install's <c>../version.py</c>, a libtorch zip's <c>../build-version</c>,
    /// or a NuGet package path (<c>libtorch-cpu-linux-x64/2.10.0/...</c>); "unknown" otherwise.
    /// </summary>
    public static string DetectVersion(string directory)
    {
        string parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(directory)) ?? directory;
        string versionPy = Path.Combine(parent, "version.py");
        if (File.Exists(versionPy))
        {
            var m = VersionPyPattern().Match(File.ReadAllText(versionPy));
            if (m.Success)
            {
                return m.Groups[1].Value;
            }
        }
        string buildVersion = Path.Combine(parent, "build-version");
        if (File.Exists(buildVersion))
        {
            return File.ReadAllText(buildVersion).Trim();
        }
        var pkg = PackagePathPattern().Match(directory.Replace('\\', '/'));
        return pkg.Success ? pkg.Groups[1].Value : "unknown";
    }

    [GeneratedRegex(@"__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex VersionPyPattern();

    [GeneratedRegex(@"libtorch-[a-z0-9.\-]+/(\d+\.\d+\.\d+[^/]*)/runtimes/")]
    private static partial Regex PackagePathPattern();
}
