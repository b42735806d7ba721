namespace HipFx.Evaluation.Plots;

/// <summary>An 8-bit grayscale image, row-major, for drawing only (display intensities, not model input).</summary>
public sealed record GrayImage(int Width, int Height, byte[] Pixels)
{
    public GrayImage Validated()
    {
        if (Width <= 0 || Height <= 0 || Pixels.Length != Width * Height)
        {
            throw new ArgumentException($"a {Width}×{Height} image needs {Width * Height} pixels, found {Pixels.Length}");
        }
        return this;
    }
}

/// <summary>
/// Loads an image by id for pictures (galleries, overlays). The data layer's image loader plugs in here;
/// returning null draws a blank tile marked "image not available".
/// </summary>
public interface IImageSource
{
    GrayImage? TryLoad(string imageId);
}

/// <summary>No images: every tile is blank (detections-only evaluations).</summary>
public sealed class NoImages : IImageSource
{
    public GrayImage? TryLoad(string imageId) => null;
}
