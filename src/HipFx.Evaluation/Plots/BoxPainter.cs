using System.Globalization;
using HipFx.Core;
using SkiaSharp;

namespace HipFx.Evaluation.Plots;

/// <summary>Draws labelled boxes on a canvas: one colour per fracture class, ground truth dashed white.</summary>
internal sealed class BoxPainter : IDisposable
{
    private static readonly SKColor[] ClassColors =
    [
        new(0xE4, 0x1A, 0x1C), // displaced_fnf: red
        new(0xFF, 0x7F, 0x00), // valgus_impacted_fnf: orange
        new(0x37, 0x7E, 0xB8), // stable_itf: blue
        new(0x98, 0x4E, 0xA3), // unstable_itf: purple
    ];

    private readonly SKFont font;
    private readonly SKPaint stroke = new() { Style = SKPaintStyle.Stroke, IsAntialias = true };
    private readonly SKPaint fill = new() { Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint text = new() { Color = SKColors.White, IsAntialias = true };

    public BoxPainter(float fontSize)
    {
        font = new SKFont(SkiaImages.Typeface(), fontSize);
    }

    public static SKColor ColorOf(FractureClass c) => ClassColors[(int)c];

    /// <summary>A predicted box with "DF 0.87" on a filled tag above it.</summary>
    public void Prediction(SKCanvas canvas, Detection d, float scale, float strokeWidth, bool emphasise = false)
    {
        var color = ColorOf(d.Class);
        stroke.Color = color;
        stroke.StrokeWidth = emphasise ? strokeWidth * 2 : strokeWidth;
        stroke.PathEffect = null;
        var r = Rect(d.Box, scale);
        canvas.DrawRect(r, stroke);
        Tag(canvas, $"{d.Class.PaperName()} {d.Score.ToString("0.00", CultureInfo.InvariantCulture)}", r.Left, r.Top, color);
    }

    /// <summary>A ground-truth box, dashed white with a "GT DF" tag under it.</summary>
    public void Truth(SKCanvas canvas, GroundTruthBox g, float scale, float strokeWidth)
    {
        stroke.Color = SKColors.White;
        stroke.StrokeWidth = strokeWidth;
        using var dash = SKPathEffect.CreateDash([6 * strokeWidth, 4 * strokeWidth], 0);
        stroke.PathEffect = dash;
        var r = Rect(g.Box, scale);
        canvas.DrawRect(r, stroke);
        stroke.PathEffect = null;
        Tag(canvas, $"GT {g.Class.PaperName()}", r.Left, r.Bottom + font.Size + 4, new SKColor(0x30, 0x30, 0x30));
    }

    /// <summary>Text on a filled background whose bottom-left corner is (x, y).</summary>
    public void Tag(SKCanvas canvas, string label, float x, float y, SKColor background)
    {
        float w = font.MeasureText(label) + 6;
        float h = font.Size + 4;
        y = Math.Max(h, y);
        fill.Color = background;
        canvas.DrawRect(new SKRect(x, y - h, x + w, y), fill);
        canvas.DrawText(label, x + 3, y - 4, SKTextAlign.Left, font, text);
    }

    public void Text(SKCanvas canvas, string label, float x, float y, SKColor color)
    {
        text.Color = color;
        canvas.DrawText(label, x, y, SKTextAlign.Left, font, text);
        text.Color = SKColors.White;
    }

    public float FontSize => font.Size;

    /// <summary>Width of <paramref name="label"/> in this painter's font.</summary>
    public float Measure(string label) => font.MeasureText(label);

    private static SKRect Rect(Box b, float scale) =>
        new((float)b.X1 * scale, (float)b.Y1 * scale, (float)b.X2 * scale, (float)b.Y2 * scale);

    public void Dispose()
    {
        font.Dispose();
        stroke.Dispose();
        fill.Dispose();
        text.Dispose();
    }
}
