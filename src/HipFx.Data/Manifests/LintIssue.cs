namespace HipFx.Data.Manifests;

/// <summary>How bad a lint finding is: errors make <c>hipfx lint</c> exit 1.</summary>
public enum LintSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>
/// One finding of <see cref="DatasetLinter"/>: the file, where in it, a stable code (for filtering and tests) and
/// a message saying what was expected and what was found.
/// </summary>
public sealed record LintIssue(LintSeverity Severity, string File, string? Location, string Code, string Message)
{
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()}: {File}{(Location is null ? "" : $" ({Location})")}: {Message} [{Code}]";
}

/// <summary>The stable codes of <see cref="LintIssue"/>.</summary>
public static class LintCodes
{
    public const string XmlMalformed = "xml-malformed";
    public const string XmlDuplicate = "xml-duplicate";
    public const string XmlMissing = "xml-missing";
    public const string ImageMissing = "image-missing";
    public const string NotRegularFile = "not-regular-file";
    public const string ImageDuplicate = "image-duplicate";
    public const string ImageUnreadable = "image-unreadable";
    public const string ImageExifOrientation = "image-exif-orientation";
    public const string SizeMismatch = "size-mismatch";
    public const string FilenameMismatch = "filename-mismatch";
    public const string ClassUnknown = "class-unknown";
    public const string BoxOutside = "box-outside";
    public const string BoxInverted = "box-inverted";
    public const string BoxTooSmall = "box-too-small";
    public const string BoxNotInteger = "box-not-integer";
    public const string DepthUnusual = "depth-unusual";
    public const string DifficultExcluded = "difficult-excluded";
    public const string Unreviewed = "unreviewed";
    public const string LabelMismatch = "label-mismatch";
}
