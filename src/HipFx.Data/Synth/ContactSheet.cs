using HipFx.Core;
using SkiaSharp;
using HipFx.Core.IO;

namespace HipFx.Data.Synth;

/// <summary>One downscaled image for the preview, with its box scaled alike.</summary>
public sealed record Thumbnail(ImagePlan Plan, byte[] Pixels, int Side, Box? Box, string Description);

/// <summary>
/// The <c>--preview</c> contact sheet: one row per label, a few examples per institution in the columns,
/// each with its ground-truth box drawn in the class colour and a caption.
/// </summary>
public static class ContactSheet
{
    /// <summary>Examples per (label, institution) pair.</summary>
    public const int PerCell = 2;

    /// <summary>Side of one thumbnail in the sheet (pixels).</summary>
    public const int ThumbnailSide = 320;

    private static readonly SKColor[] ClassColours =
    [
        new(230, 60, 60), new(250, 200, 40), new(60, 200, 90), new(70, 150, 255),
    ];

    /// <summary>Which images the sheet shows: the first <see cref="PerCell"/> of each (label, institution).</summary>
    public static HashSet<int> Select(IReadOnlyList<ImagePlan> plans) =>
        plans.GroupBy(p => (p.Label, p.Institution.Code))
            .SelectMany(g => g.OrderBy(p => p.Index).Take(PerCell))
            .Select(p => p.Index)
            .ToHashSet();

    /// <summary>A box-filtered 8-bit thumbnail of 16-bit display values.</summary>
    public static Thumbnail Shrink(SynthScene scene, ReadOnlySpan<ushort> display)
    {
        int n = scene.Size;
        int side = Math.Min(ThumbnailSide, n);
        var pixels = new byte[side * side];
        for (int ty = 0; ty < side; ty++)
        {
            int y0 = ty * n / side, y1 = Math.Max(y0 + 1, (ty + 1) * n / side);
            for (int tx = 0; tx < side; tx++)
            {
                int x0 = tx * n / side, x1 = Math.Max(x0 + 1, (tx + 1) * n / side);
                long sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    for (int x = x0; x < x1; x++)
                    {
                        sum += display[y * n + x];
                    }
                }
                pixels[ty * side + tx] = (byte)(sum / ((y1 - y0) * (x1 - x0)) >> 8);
            }
        }
        double k = (double)side / n;
        Box? box = scene.Box is { } b ? new Box(b.X1 * k, b.Y1 * k, b.X2 * k, b.Y2 * k) : null;
        return new Thumbnail(scene.Plan, pixels, side, box, scene.Fracture.Description);
    }

    /// <summary>Draws the sheet and writes it as PNG.</summary>
    public static void Write(string path, IReadOnlyList<Thumbnail> thumbnails, IReadOnlyList<InstitutionProfile> institutions)
    {
        int side = thumbnails.Count > 0 ? thumbnails[0].Side : ThumbnailSide;
        const int pad = 6, rowHeader = 150, colHeader = 28, caption = 16;
        var labels = ClassNames.ImageLabels;
        int columns = institutions.Count * PerCell;
        int width = rowHeader + columns * (side + pad) + pad;
        int height = colHeader + labels.Count * (side + caption + pad) + pad;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(24, 24, 28));
        using var font = new SKFont(SKTypeface.Default, 13);
        using var bold = new SKFont(SKTypeface.Default, 15) { Embolden = true };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var dim = new SKPaint { Color = new SKColor(190, 190, 190), IsAntialias = true };

        for (int c = 0; c < institutions.Count; c++)
        {
            var inst = institutions[c];
            float x = rowHeader + c * PerCell * (side + pad);
            string kind = inst.IsExternal ? "external" : "internal";
            string photometry = inst.Monochrome1 ? "MONOCHROME1" : "MONOCHROME2";
            canvas.DrawText($"Institution {inst.Code} ({kind}, {photometry}, {inst.BitsStored}-bit)", x, 20, SKTextAlign.Left, bold, text);
        }
        for (int r = 0; r < labels.Count; r++)
        {
            float y = colHeader + r * (side + caption + pad);
            var label = labels[r];
            var colour = label.ToFractureClass() is { } fc ? ClassColours[(int)fc] : SKColors.White;
            using var swatch = new SKPaint { Color = colour, IsAntialias = true };
            canvas.DrawText(label.PaperName(), 10, y + 24, SKTextAlign.Left, bold, swatch);
            canvas.DrawText(label.Name(), 10, y + 44, SKTextAlign.Left, font, text);
            for (int c = 0; c < institutions.Count; c++)
            {
                var examples = thumbnails
                    .Where(t => t.Plan.Label == label && t.Plan.Institution.Code == institutions[c].Code)
                    .OrderBy(t => t.Plan.Index).Take(PerCell).ToList();
                for (int e = 0; e < examples.Count; e++)
                {
                    float x = rowHeader + (c * PerCell + e) * (side + pad);
                    DrawThumbnail(canvas, examples[e], x, y, colour);
                    var p = examples[e].Plan;
                    canvas.DrawText($"{p.ImageId} {p.Laterality} {p.Sex}{p.Age}", x, y + side + 13, SKTextAlign.Left, font, dim);
                }
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        AtomicFile.Write(path, data.SaveTo);
    }

    private static void DrawThumbnail(SKCanvas canvas, Thumbnail t, float x, float y, SKColor colour)
    {
        using var gray = new SKBitmap(new SKImageInfo(t.Side, t.Side, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(t.Pixels, 0, gray.GetPixels(), t.Pixels.Length);
        canvas.DrawBitmap(gray, x, y);
        if (t.Box is { } b)
        {
            using var stroke = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
            canvas.DrawRect(new SKRect(x + (float)b.X1, y + (float)b.Y1, x + (float)b.X2, y + (float)b.Y2), stroke);
        }
    }
}
