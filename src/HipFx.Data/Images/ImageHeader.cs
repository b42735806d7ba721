namespace HipFx.Data.Images;

/// <summary>The facts of an image file known without decoding its pixels.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">"png" or "jpeg".</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="BitDepth">Bits per sample: 8 or 16 (PNGs below 8 bits are widened to 8).</param>
/// <param name="IsGrayscale">The file stores one gray channel (PNG grayscale, JPEG with one component).</param>
/// <param name="ExifOrientation">The EXIF Orientation tag (1 to 8) when present; hipfx never rotates pixels, boxes refer to the stored grid.</param>
public sealed record ImageHeader(string Path, string Format, int Width, int Height, int BitDepth, bool IsGrayscale, int? ExifOrientation)
{
    public long PixelCount => (long)Width * Height;

    /// <summary>True when a viewer honouring EXIF would show the image rotated or flipped relative to its stored pixels.</summary>
    public bool HasNonTrivialOrientation => ExifOrientation is { } o && o != 1;
}
