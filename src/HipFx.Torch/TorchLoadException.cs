namespace HipFx.Torch;

/// <summary>
/// libtorch or TorchSharp's native library could not be loaded or initialised. The message says which
/// folder and file, what was found and what to do.
/// </summary>
public sealed class TorchLoadException : Exception
{
    public TorchLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
