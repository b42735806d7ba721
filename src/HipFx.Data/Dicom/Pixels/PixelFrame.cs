using System.Linq;

namespace HipFx.Data.Dicom.Pixels;

/// <summary>One decoded frame of stored values: masked to BitsStored and sign-extended when signed, samples
/// interleaved (RGBRGB) for colour. <see cref="Photometric"/> is the frame's interpretation after decoding
/// (a JPEG decoder may already have turned YBR into RGB).</summary>
public sealed class PixelFrame
{
    public PixelFrame(int width, int height, int samplesPerPixel, PhotometricInterpretation photometric, int[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.LongLength, (long)width * height * samplesPerPixel, nameof(values));
        Width = width;
        Height = height;
        SamplesPerPixel = samplesPerPixel;
        Photometric = photometric;
        Values = values;
    }

    public int Width { get; }

    public int Height { get; }

    public int SamplesPerPixel { get; }

    public PhotometricInterpretation Photometric { get; }

    /// <summary>Stored values, row-major, samples interleaved.</summary>
    public int[] Values { get; }

    /// <summary>Smallest and largest stored value ((0, 0) for an empty frame).</summary>
    public (int Min, int Max) Range() => Values.Length == 0 ? (0, 0) : (Values.Min(), Values.Max());
}
