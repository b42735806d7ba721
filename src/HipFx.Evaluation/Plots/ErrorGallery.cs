using System.Globalization;
using HipFx.Core;
using SkiaSharp;
using HipFx.Evaluation.Metrics;

namespace HipFx.Evaluation.Plots;

/// <summary>Gallery settings.</summary>
public sealed record GalleryOptions
{
    /// <summary>Tile edge in pixels (the image is fitted inside). Default 320.</summary>
    public int TileSize { get; init; } = 320;

    /// <summary>Tiles per row. Default 4.</summary>
    public int Columns { get; init; } = 4;

    /// <summary>At most this many images per gallery, highest deciding score first. Default 24.</summary>
    public int MaxImages { get; init; } = 24;
}

/// <summary>
/// Galleries of the image-level errors, with boxes drawn: ground truth dashed white, predictions with
/// score ≥ τ in their class colour (the deciding box thicker, drawn even below τ when the valgus rule chose it), a caption "id: truth → decision".
/// False positives: a fracture class was called that the image does not have (wrong class or no fracture).
/// False negatives: the image's fracture was not called (missed, or called as another class).
/// A wrong-class image is in both.
/// </summary>
public static class ErrorGallery
{
    public static IReadOnlyList<ImageOutcome> FalsePositives(EvalResult r) =>
        r.Outcomes.Where(o => !o.Correct && o.Decision.Label != ImageLabel.NoFracture)
            .OrderByDescending(o => o.Decision.Box?.Score ?? 0).ToList();

    public static IReadOnlyList<ImageOutcome> FalseNegatives(EvalResult r) =>
        r.Outcomes.Where(o => !o.Correct && o.Image.Truth != ImageLabel.NoFracture)
            .OrderByDescending(o => o.Decision.Box?.Score ?? 0).ToList();

    /// <summary>Draws the gallery to <paramref name="path"/>; returns false (and writes nothing) when there is no image to show.</summary>
    public static bool Save(string path, string title, IReadOnlyList<ImageOutcome> outcomes, double tau, IImageSource images, GalleryOptions? options = null)
    {
        options ??= new GalleryOptions();
        var shown = outcomes.Take(options.MaxImages).ToList();
        if (shown.Count == 0)
        {
            return false;
        }
        int tile = options.TileSize, caption = 22, header = 34, gap = 4;
        int cols = Math.Min(options.Columns, shown.Count);
        int rows = (shown.Count + cols - 1) / cols;
        int width = cols * (tile + gap) + gap, height = header + rows * (tile + caption + gap) + gap;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0x18, 0x18, 0x18));
        using var painter = new BoxPainter(13);
        using var titleFont = new SKFont(SkiaImages.Typeface(), 18);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        string more = outcomes.Count > shown.Count ? $" (first {shown.Count} of {outcomes.Count})" : $" ({shown.Count})";
        canvas.DrawText(title + more, gap, 24, SKTextAlign.Left, titleFont, white);
        for (int i = 0; i < shown.Count; i++)
        {
            int x = gap + (i % cols) * (tile + gap), y = header + (i / cols) * (tile + caption + gap);
            DrawTile(canvas, painter, shown[i], tau, images, new SKRect(x, y, x + tile, y + tile));
            var o = shown[i];
            string score = o.Decision.Box is { } b ? " " + b.Score.ToString("0.00", CultureInfo.InvariantCulture) : "";
            painter.Text(canvas, $"{o.Image.ImageId}: {o.Image.Truth.PaperName()} → {o.Decision.Label.PaperName()}{score}", x + 2, y + tile + 16, SKColors.White);
        }
        SkiaImages.SavePng(surface, path);
        return true;
    }

    private static void DrawTile(SKCanvas canvas, BoxPainter painter, ImageOutcome o, double tau, IImageSource images, SKRect cell)
    {
        var gray = images.TryLoad(o.Image.ImageId);
        float w = gray?.Width ?? Math.Max(o.Image.Width, 1), h = gray?.Height ?? Math.Max(o.Image.Height, 1);
        if (gray is null && (o.Image.Width <= 0 || o.Image.Height <= 0))
        {
            var all = o.Image.Boxes.Select(b => b.Box).Concat(o.Detections.Select(d => d.Box)).ToList();
            w = all.Count == 0 ? 100 : (float)all.Max(b => b.X2) * 1.1f;
            h = all.Count == 0 ? 100 : (float)all.Max(b => b.Y2) * 1.1f;
        }
        float scale = Math.Min(cell.Width / w, cell.Height / h);
        canvas.Save();
        canvas.ClipRect(cell);
        canvas.Translate(cell.Left + (cell.Width - w * scale) / 2, cell.Top + (cell.Height - h * scale) / 2);
        if (gray is not null)
        {
            using var bmp = SkiaImages.ToBitmap(gray);
            using var img = SKImage.FromBitmap(bmp);
            canvas.DrawImage(img, new SKRect(0, 0, w * scale, h * scale), new SKSamplingOptions(SKFilterMode.Linear));
        }
        else
        {
            using var bg = new SKPaint { Color = new SKColor(0x40, 0x40, 0x40) };
            canvas.DrawRect(new SKRect(0, 0, w * scale, h * scale), bg);
            painter.Text(canvas, "image not available", 6, 18, SKColors.LightGray);
        }
        foreach (var g in o.Image.Boxes)
        {
            painter.Truth(canvas, g, scale, 1.5f);
        }
        foreach (var d in o.Detections.Where(d => d.Score >= tau || ReferenceEquals(d, o.Decision.Box))
                     .OrderBy(d => ReferenceEquals(d, o.Decision.Box)).ThenBy(d => d.Score))
        {
            painter.Prediction(canvas, d, scale, 1.5f, ReferenceEquals(d, o.Decision.Box));
        }
        canvas.Restore();
    }
}
