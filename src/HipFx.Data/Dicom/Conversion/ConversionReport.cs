namespace HipFx.Data.Dicom.Conversion;

/// <summary>What happened to one input file.</summary>
public enum ConversionOutcome
{
    Converted,

    /// <summary>The PNG already existed (a resumed run); its manifest row was rebuilt from the header.</summary>
    AlreadyDone,

    Failed,
}

/// <summary>One input file's result. <see cref="Reason"/> is the error message for a failure.</summary>
public sealed record ConversionResult(string RelativePath, ConversionOutcome Outcome, string? ImageId, string? Reason, bool BurnedInAnnotation)
{
    public static ConversionResult Failure(string relativePath, string reason) => new(relativePath, ConversionOutcome.Failed, null, reason, false);
}

/// <summary>The outcome of a whole <see cref="DicomConverter"/> run.</summary>
public sealed record ConversionReport(IReadOnlyList<ConversionResult> Results, string ManifestPath, string MetadataPath, TimeSpan Elapsed)
{
    public int Converted => Results.Count(r => r.Outcome == ConversionOutcome.Converted);

    public int AlreadyDone => Results.Count(r => r.Outcome == ConversionOutcome.AlreadyDone);

    public int Failed => Results.Count(r => r.Outcome == ConversionOutcome.Failed);

    public int BurnedInAnnotations => Results.Count(r => r.BurnedInAnnotation);
}

/// <summary>Progress of a run: files finished so far out of the total found.</summary>
public readonly record struct ConversionProgress(int Done, int Total, ConversionResult Last);
