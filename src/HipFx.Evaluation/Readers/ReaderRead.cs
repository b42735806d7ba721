using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// One read of the reads CSV (columns <c>image_id, reader, phase, label</c>, optional <c>confidence</c> in [0, 1]
/// and <c>reading_time_s</c> ≥ 0).
/// </summary>
/// <param name="Line">1-based line in the CSV it came from; 0 for reads made in memory (simulation).</param>
public sealed record ReaderRead(
    string ImageId,
    string Reader,
    ReadingPhase Phase,
    ImageLabel Label,
    double? Confidence = null,
    double? ReadingTimeS = null,
    int Line = 0);
