using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using SkiaSharp;

namespace HipFx.Evaluation.Plots;

/// <summary>
/// The AI-assistance picture (the paper's phase III "feature markings"): the radiograph at full size with the
/// deciding box drawn prominently (the valgus rule may take it below τ) and at most <c>otherBoxes</c> more boxes of
/// score ≥ τ (the highest-scoring ones), each in its class colour and tagged with class and score; a header line
/// with the image-level decision and its rule, and a second line saying how many boxes ≥ τ were left out (all are
/// in the JSON). A poor model at a low τ would otherwise cover the radiograph in hundreds of labels.
/// </summary>
public static class PredictionOverlay
{
    /// <summary>Boxes drawn besides the deciding one, by default.</summary>
    public const int DefaultOtherBoxes = 3;

    public static void Save(string path, GrayImage image, IReadOnlyList<Detection> detections, ImageDecision decision, double tau,
        int otherBoxes = DefaultOtherBoxes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(otherBoxes);
        float stroke = Math.Max(2, image.Width / 400f);
        float fontSize = Math.Max(14, image.Width / 60f);
        using var surface = SKSurface.Create(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var bmp = SkiaImages.ToBitmap(image))
        {
            canvas.DrawBitmap(bmp, 0, 0);
        }
        using var painter = new BoxPainter(fontSize);
        var others = detections.Where(d => d.Score >= tau && !ReferenceEquals(d, decision.Box))
            .OrderByDescending(d => d.Score).ThenBy(d => d.Class).ToList();
        var drawn = others.Take(otherBoxes).Reverse().ToList(); // lowest first, so higher scores lie on top
        foreach (var d in drawn)
        {
            painter.Prediction(canvas, d, 1, stroke, emphasise: false);
        }
        if (decision.Box is { } deciding)
        {
            painter.Prediction(canvas, deciding, 1, stroke, emphasise: true); // the deciding box on top, twice as thick
        }
        int leftOut = others.Count - drawn.Count;
        string score = decision.Box is { } b ? " " + b.Score.ToString("0.00", CultureInfo.InvariantCulture) : "";
        string head = $"AI: {decision.Label.Name()}{score} ({decision.RuleName}, τ={tau.ToString("0.###", CultureInfo.InvariantCulture)})";
        var color = decision.Label.ToFractureClass() is { } c ? BoxPainter.ColorOf(c) : new SKColor(0x2E, 0x7D, 0x32);
        float fit = painter.Measure(head) + 14;
        using var headPainter = new BoxPainter(fit > image.Width ? fontSize * image.Width / fit : fontSize);
        headPainter.Tag(canvas, head, 4, headPainter.FontSize + 8, color);
        if (leftOut > 0)
        {
            string more = $"+{leftOut} more box{(leftOut == 1 ? "" : "es")} ≥ τ not drawn (see the JSON)";
            headPainter.Tag(canvas, more, 4, 2 * (headPainter.FontSize + 8) + 4, new SKColor(0x42, 0x42, 0x42));
        }
        SkiaImages.SavePng(surface, path);
    }
}
