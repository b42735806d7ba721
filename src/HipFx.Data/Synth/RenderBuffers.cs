namespace HipFx.Data.Synth;

/// <summary>Scratch memory for rendering one image at a time; one per worker thread, reused across images.</summary>
public sealed class RenderBuffers
{
    public RenderBuffers(int size)
    {
        Size = size;
        BoneFactor = size >= 512 ? 2 : 1;
        BoneSize = (size + BoneFactor - 1) / BoneFactor;
        Density = new float[size * size];
        Scratch = new float[size * size];
        Bone = new float[BoneSize * BoneSize];
        Display = new ushort[size * size];
    }

    public int Size { get; }

    /// <summary>Bones are rendered on a grid this many times coarser than the image, then interpolated.</summary>
    public int BoneFactor { get; }

    public int BoneSize { get; }

    /// <summary>Line integral of attenuation (the "density" a radiograph shows).</summary>
    public float[] Density { get; }

    public float[] Scratch { get; }

    /// <summary>Bone density on the coarse grid.</summary>
    public float[] Bone { get; }

    /// <summary>The finished image as 16-bit display values (bone bright, MONOCHROME2).</summary>
    public ushort[] Display { get; }
}
