using System.Runtime.InteropServices;
using SkiaSharp;
using HipFx.Core.IO;

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

    public static SKTypeface Typeface() =>
        SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    public static void SavePng(SKSurface surface, string path)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.SaveTo);
    }
}
