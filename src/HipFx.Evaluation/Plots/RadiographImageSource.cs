using HipFx.Data.Images;

namespace HipFx.Evaluation.Plots;

/// <summary>
/// Loads pictures' images with the data layer's <see cref="RadiographLoader"/> and maps them to 8-bit
/// display gray with an <see cref="IntensityMapping"/> (the model's, so the picture shows what it saw).
/// </summary>
public sealed class RadiographImageSource(IReadOnlyDictionary<string, string> files, IntensityMapping? mapping = null) : IImageSource
{
    private readonly IntensityMapping mapping = mapping ?? IntensityMapping.Default;

    public GrayImage? TryLoad(string imageId)
    {
        if (!files.TryGetValue(imageId, out var path) || !File.Exists(path))
        {
            return null;
        }
        return ToGray(RadiographLoader.Load(path), mapping);
    }

    /// <summary>A radiograph mapped to 8-bit gray for drawing.</summary>
    public static GrayImage ToGray(RadiographImage image, IntensityMapping mapping)
    {
        var gray = mapping.MapGray(image);
        var bytes = new byte[gray.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(MathF.Round(gray[i]), 0, 255);
        }
        return new GrayImage(image.Width, image.Height, bytes);
    }
}
