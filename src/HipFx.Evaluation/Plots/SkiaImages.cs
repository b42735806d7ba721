using System.Runtime.InteropServices;
using SkiaSharp;

namespace HipFx.Evaluation.Plots;

/// <summary>Small SkiaSharp helpers shared by the pictures: grayscale to bitmap, fonts, PNG files.</summary>
internal static class SkiaImages
{
    public static SKBitmap ToBitmap(GrayImage image)
    {
        image.Validated();
        var bmp = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        Marshal.Copy(image.Pixels, 0, bmp.GetPixels(), image.Pixels.Length);
        return bmp;
    }

    public static GrayImage FromBitmap(SKBitmap source)
    {
        using var gray = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(gray))
        {
            canvas.DrawBitmap(source, 0, 0);
        }
        var pixels = new byte[source.Width * source.Height];
        Marshal.Copy(gray.GetPixels(), pixels, 0, pixels.Length);
        return new GrayImage(source.Width, source.Height, pixels);
    }

    public static SKTypeface Typeface() =>
        SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    public static void SavePng(SKSurface surface, string path)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}

/// <summary>Loads <c>{folder}/{imageId}.png</c> (or .jpg) as grayscale with SkiaSharp; null when absent.</summary>
public sealed class PngFolderImageSource(string folder) : IImageSource
{
    public GrayImage? TryLoad(string imageId)
    {
        foreach (string ext in new[] { "", ".png", ".jpg", ".jpeg" })
        {
            string path = Path.Combine(folder, imageId + ext);
            if (File.Exists(path))
            {
                using var bmp = SKBitmap.Decode(path);
                return bmp is null ? null : SkiaImages.FromBitmap(bmp);
            }
        }
        return null;
    }
}
