namespace HipFx.Core;

/// <summary>One predicted box: class, confidence and box in the original image's pixel coordinates.</summary>
public sealed record Detection(FractureClass Class, double Score, Box Box);

/// <summary>One ground-truth box as annotated (class and box in image pixels).</summary>
public sealed record GroundTruthBox(FractureClass Class, Box Box, bool Difficult = false);
