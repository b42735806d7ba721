using HipFx.Torch.Native;

// Usage: HipFx.NativeFix [--any-host] <libLibTorchSharp.so>...
// Applies the GLIBCXX_3.4.32 compatibility fix (see GlibcxxCompat) where this host needs it, or, with --any-host,
// whatever this host has: for a publish, whose library runs on other machines.
// Exit code 0 when every file is loadable afterwards, 1 otherwise.
bool anyHost = args.Contains("--any-host");
int failures = 0;
foreach (string path in args.Where(a => a != "--any-host"))
{
    try
    {
        var outcome = GlibcxxCompat.EnsureLoadable(path, hostIsNewEnough: anyHost ? false : null);
        if (outcome == CompatOutcome.Patched)
        {
            Console.WriteLine($"hipfx: applied the GLIBCXX_3.4.32 compatibility fix to {path}");
        }
    }
    catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"hipfx: error: {e.Message}");
        failures++;
    }
}
return failures == 0 ? 0 : 1;
