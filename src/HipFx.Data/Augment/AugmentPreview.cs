using HipFx.Core;
using SkiaSharp;

namespace HipFx.Data.Augment;

/// <summary>
/// A grid of augmented training samples with their boxes and class names (as ultralytics writes
/// <c>train_batch0.jpg</c>), so a user sees exactly what the model is fed.
/// </summary>
public static class AugmentPreview
{
    private static readonly SKColor[] ClassColours =
    [
        new(230, 60, 60), new(250, 200, 40), new(60, 200, 90), new(70, 150, 255),
    ];

    /// <summary>
    /// Writes <paramref name="count"/> samples of <paramref name="size"/>² gray bytes (one after another in
    /// <paramref name="pixels"/>) as a PNG grid, each shrunk to at most <paramref name="cell"/> pixels.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> pixels, int size, int count,
        IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes, IReadOnlyList<string> captions, int cell = 384)
    {
        int columns = (int)Math.Ceiling(Math.Sqrt(count));
        int rows = (count + columns - 1) / columns;
        cell = Math.Min(cell, size);
        const int pad = 4, caption = 18;
        int width = columns * (cell + pad) + pad;
        int height = rows * (cell + caption + pad) + pad;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(24, 24, 28));
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var sampling = new SKPaint { IsAntialias = true };
        float scale = (float)cell / size;
        for (int i = 0; i < count; i++)
        {
            float x = pad + (i % columns) * (cell + pad);
            float y = pad + (i / columns) * (cell + caption + pad);
            using (var gray = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque)))
            {
                pixels.Slice(i * size * size, size * size).CopyTo(gray.GetPixelSpan());
                using var image = SKImage.FromBitmap(gray);
                canvas.DrawImage(image, new SKRect(x, y, x + cell, y + cell), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            foreach (var b in boxes[i])
            {
                var colour = ClassColours[(int)b.Class % ClassColours.Length];
                using var stroke = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
                using var label = new SKPaint { Color = colour, IsAntialias = true };
                var rect = new SKRect(x + (float)b.Box.X1 * scale, y + (float)b.Box.Y1 * scale, x + (float)b.Box.X2 * scale, y + (float)b.Box.Y2 * scale);
                canvas.DrawRect(rect, stroke);
                canvas.DrawText(b.Class.Name(), rect.Left + 2, Math.Max(y + 12, rect.Top - 3), SKTextAlign.Left, font, label);
            }
            canvas.DrawText(captions[i], x, y + cell + 14, SKTextAlign.Left, font, text);
        }
        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 90);
        using var file = File.Create(path);
        encoded.SaveTo(file);
    }
}
