using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using SkiaSharp;

namespace HipFx.Evaluation.Plots;

/// <summary>
/// The AI-assistance picture (the paper's phase III "feature markings"): the radiograph at full size with
/// each box of score ≥ τ (and the deciding box, which the valgus rule may take below τ) drawn in its class
/// colour and tagged with class and score, and a header line with the image-level decision and its rule.
/// </summary>
public static class PredictionOverlay
{
    public static void Save(string path, GrayImage image, IReadOnlyList<Detection> detections, ImageDecision decision, double tau)
    {
        float stroke = Math.Max(2, image.Width / 400f);
        float fontSize = Math.Max(14, image.Width / 60f);
        using var surface = SKSurface.Create(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var bmp = SkiaImages.ToBitmap(image))
        {
            canvas.DrawBitmap(bmp, 0, 0);
        }
        using var painter = new BoxPainter(fontSize);
        foreach (var d in detections.Where(d => d.Score >= tau || ReferenceEquals(d, decision.Box))
                     .OrderBy(d => ReferenceEquals(d, decision.Box)).ThenBy(d => d.Score)) // the deciding box on top
        {
            painter.Prediction(canvas, d, 1, stroke, ReferenceEquals(d, decision.Box));
        }
        string score = decision.Box is { } b ? " " + b.Score.ToString("0.00", CultureInfo.InvariantCulture) : "";
        string head = $"AI: {decision.Label.Name()}{score} ({decision.RuleName}, τ={tau.ToString("0.###", CultureInfo.InvariantCulture)})";
        var color = decision.Label.ToFractureClass() is { } c ? BoxPainter.ColorOf(c) : new SKColor(0x2E, 0x7D, 0x32);
        float fit = painter.Measure(head) + 14;
        using var headPainter = new BoxPainter(fit > image.Width ? fontSize * image.Width / fit : fontSize);
        headPainter.Tag(canvas, head, 4, headPainter.FontSize + 8, color);
        SkiaImages.SavePng(surface, path);
    }
}
