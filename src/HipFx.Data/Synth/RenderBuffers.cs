namespace HipFx.Data.Synth;

/// <summary>Scratch memory for rendering one image at a time; one per worker thread, reused across images.</summary>
public sealed class RenderBuffers
{
    public RenderBuffers(int size)
    {
        Size = size;
        Density = new float[size * size];
        Scratch = new float[size * size];
        Display = new ushort[size * size];
    }

    public int Size { get; }

    /// <summary>Line integral of attenuation (the "density" a radiograph shows).</summary>
    public float[] Density { get; }

    public float[] Scratch { get; }

    /// <summary>The finished image as 16-bit display values (bone bright, MONOCHROME2).</summary>
    public ushort[] Display { get; }
}
