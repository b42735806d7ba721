using System.Text.Json;
using System.Text.Json.Serialization;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Metrics;

/// <summary>
/// A τ chosen on the validation split, then locked: written once to <c>tau.json</c> and read back,
/// unchanged, for the test and external splits.
/// </summary>
public sealed record TauSelection
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = Data.Runs.RunFolder.TauFileName;

    /// <summary>The criterion's name as written in tau.json.</summary>
    public const string MacroYoudenCriterion = "max_macro_youden_j";

    public required double Tau { get; init; }

    public required string Criterion { get; init; }

    /// <summary>The criterion's value at <see cref="Tau"/> (macro Youden J).</summary>
    public required double Objective { get; init; }

    /// <summary>The split τ was chosen on (normally "val").</summary>
    public required string Split { get; init; }

    public required int Images { get; init; }

    public required int Candidates { get; init; }

    /// <summary>SHA-256 of the truth (manifest or ground-truth file) τ was chosen on.</summary>
    public string? ManifestHash { get; init; }

    public string? Model { get; init; }

    public bool ValgusPriority { get; init; }

    public double ValgusTau { get; init; }

    public DateTimeOffset? SelectedUtc { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Writes tau.json; refuses to overwrite a different locked τ (delete the file to choose again).</summary>
    public void Write(string path)
    {
        if (File.Exists(path))
        {
            var existing = Read(path);
            if (existing.Tau != Tau)
            {
                throw new HipFxDataException(
                    $"a different τ ({existing.Tau:R}) is already locked here; delete the file to choose τ again", path);
            }
            return;
        }
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    public static TauSelection Read(string path)
    {
        try
        {
            var t = JsonSerializer.Deserialize<TauSelection>(File.ReadAllText(path), Json)
                ?? throw new HipFxDataException("empty τ file", path);
            if (t.Tau is < 0 or > 1 || double.IsNaN(t.Tau))
            {
                throw new HipFxDataException($"tau must be in [0, 1], found {t.Tau}", path, "tau");
            }
            return t;
        }
        catch (JsonException e)
        {
            throw new HipFxDataException(e.Message, path, e.Path, e);
        }
    }
}

/// <summary>
/// Chooses τ on a validation split. Criterion: the largest macro Youden J (mean over the fracture classes
/// with defined Se and Sp of Se + Sp − 1), over the candidates = every distinct image-level top score
/// (the decision only changes there) plus 1.0 (nothing called); ties go to the higher τ (fewer false
/// positives). A box with score equal to τ counts (score ≥ τ).
/// </summary>
public static class TauSelector
{
    public static TauSelection Select(IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, DecisionOptions options, string split)
    {
        if (images.Count == 0)
        {
            throw new HipFxDataException($"split '{split}' has no images: cannot choose τ on it");
        }
        var candidates = new SortedSet<double> { 1.0 };
        foreach (var image in images)
        {
            if (detections.TryGetValue(image.ImageId, out var dets) && dets.Count > 0)
            {
                candidates.Add(Math.Clamp(dets.Max(d => d.Score), 0, 1));
            }
        }
        double bestTau = double.NaN, bestJ = double.NegativeInfinity;
        foreach (double tau in candidates.Reverse())
        {
            double j = Objective(images, detections, options with { Tau = tau });
            if (j > bestJ) // strict: scanning high to low keeps the higher τ on ties
            {
                bestJ = j;
                bestTau = tau;
            }
        }
        return new TauSelection
        {
            Tau = bestTau,
            Criterion = TauSelection.MacroYoudenCriterion,
            Objective = bestJ,
            Split = split,
            Images = images.Count,
            Candidates = candidates.Count,
            ValgusPriority = options.ValgusPriority,
            ValgusTau = options.ValgusTau,
        };
    }

    /// <summary>Macro Youden J at <paramref name="options"/>' τ (−∞ when undefined for every class).</summary>
    public static double Objective(IReadOnlyList<EvalImage> images,
        IReadOnlyDictionary<string, IReadOnlyList<Detection>> detections, DecisionOptions options)
    {
        var matrix = new ConfusionMatrix();
        foreach (var image in images)
        {
            var dets = detections.TryGetValue(image.ImageId, out var d) ? d : [];
            matrix.Add(image.Truth, ImageDecider.Decide(dets, options, image.Width).Label);
        }
        double j = ClassificationSummary.From(matrix).MacroYouden.Value;
        return double.IsNaN(j) ? double.NegativeInfinity : j;
    }
}
