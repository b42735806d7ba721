using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>What <c>hipfx readers</c> analyses and where it writes. Validated once by <see cref="Validate"/>.</summary>
public sealed record ReaderStudyOptions
{
    /// <summary>The manifest or truth CSV (<c>image_id, label</c>). Required.</summary>
    public required string TruthPath { get; init; }

    /// <summary>The reads CSV (<c>image_id, reader, phase, label</c>). Required.</summary>
    public required string ReadsPath { get; init; }

    /// <summary>Keep only truth rows of this manifest split (e.g. <c>external</c>). Default: all rows.</summary>
    public string? TruthSplit { get; init; }

    /// <summary>The model's audit CSV from <c>hipfx eval</c>, shown as one more reader. Default: none.</summary>
    public string? ModelAuditPath { get; init; }

    /// <summary>The model's name as a reader. Default "AI".</summary>
    public string ModelReaderName { get; init; } = "AI";

    /// <summary>The expected readers, in table order; others are errors. Default: whoever is in the reads, by name.</summary>
    public IReadOnlyList<string>? ExpectedReaders { get; init; }

    /// <summary>Output folder for tables (.md, .csv, .json) and the picture. Default <c>runs/readers</c>.</summary>
    public string OutputFolder { get; init; } = Path.Combine("runs", "readers");

    /// <summary>Phases compared and Fleiss' κ bootstrap. Default: I vs II, II vs III, 2,000 resamples, seed 0.</summary>
    public ReaderAnalysisOptions Analysis { get; init; } = new();

    /// <summary>Draw the PNG. Default true.</summary>
    public bool Plot { get; init; } = true;

    public void Validate()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(TruthPath)) missing.Add("truth");
        if (string.IsNullOrWhiteSpace(ReadsPath)) missing.Add("reads");
        if (missing.Count > 0)
        {
            throw new HipFxConfigException($"missing required input(s): {string.Join(", ", missing)}");
        }
        if (string.IsNullOrWhiteSpace(ModelReaderName))
        {
            throw new HipFxConfigException("the model reader name must not be empty");
        }
        if (ExpectedReaders is { } readers && (readers.Count == 0 || readers.Distinct(StringComparer.Ordinal).Count() != readers.Count))
        {
            throw new HipFxConfigException($"expected readers must be distinct and non-empty, got '{string.Join(",", readers)}'");
        }
        try
        {
            Analysis.Validate();
        }
        catch (ArgumentException e)
        {
            throw new HipFxConfigException(e.Message, inner: e);
        }
    }
}
