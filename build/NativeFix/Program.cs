using HipFx.Torch.Native;

// Usage: HipFx.NativeFix <libLibTorchSharp.so>...
// Applies the GLIBCXX_3.4.32 compatibility fix where this host needs it (see GlibcxxCompat).
// Exit code 0 when every file is loadable afterwards, 1 otherwise.
int failures = 0;
foreach (string path in args)
{
    try
    {
        var outcome = GlibcxxCompat.EnsureLoadable(path);
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
