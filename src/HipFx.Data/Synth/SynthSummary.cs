using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>What <see cref="SyntheticDataset.Generate"/> wrote.</summary>
public sealed record SynthSummary
{
    public required string OutputFolder { get; init; }

    public required string ManifestPath { get; init; }

    public string? PreviewPath { get; init; }

    public required int Images { get; init; }

    public required int Patients { get; init; }

    /// <summary>Images per (institution code, label).</summary>
    public required IReadOnlyDictionary<(string Institution, ImageLabel Label), int> Counts { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required int Workers { get; init; }

    public double ImagesPerSecond => Images / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
