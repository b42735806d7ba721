using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>
/// One image of a dataset manifest (one CSV row; columns in <see cref="ManifestColumns"/>).
/// Paths are as written: relative paths resolve against the manifest's folder (<see cref="Manifest.Resolve"/>).
/// </summary>
public sealed record ManifestRow
{
    /// <summary><c>image_id</c>: unique within the manifest (usually the image's file stem).</summary>
    public required string ImageId { get; init; }

    /// <summary><c>patient_id</c>: pseudonymous; every image of one patient goes to one split.</summary>
    public required string PatientId { get; init; }

    /// <summary><c>institution</c>: the hospital; external institutions become the <c>external</c> split.</summary>
    public required string Institution { get; init; }

    /// <summary><c>image_path</c>: PNG or JPEG, relative to the manifest folder or absolute.</summary>
    public required string ImagePath { get; init; }

    /// <summary><c>annotation_path</c>: LabelImg VOC XML; null (empty cell) for an image without one.</summary>
    public string? AnnotationPath { get; init; }

    /// <summary><c>label</c>: the image label; null (empty cell) when not reviewed yet.</summary>
    public ImageLabel? Label { get; init; }

    /// <summary><c>split</c>: null (empty cell) before <c>hipfx split</c> has run.</summary>
    public DatasetSplit? Split { get; init; }

    /// <summary><c>sex</c> (optional): M, F, O or U.</summary>
    public string? Sex { get; init; }

    /// <summary><c>age</c> (optional): whole years, 0 to 130.</summary>
    public int? Age { get; init; }

    /// <summary><c>study_date</c> (optional): yyyy-MM-dd.</summary>
    public DateOnly? StudyDate { get; init; }

    /// <summary><c>view</c> (optional): free text such as AP.</summary>
    public string? View { get; init; }

    /// <summary><c>laterality</c> (optional): left, right or bilateral.</summary>
    public string? Laterality { get; init; }
}

/// <summary>The CSV column names, in the order they are written.</summary>
public static class ManifestColumns
{
    public const string ImageId = "image_id";
    public const string PatientId = "patient_id";
    public const string Institution = "institution";
    public const string ImagePath = "image_path";
    public const string AnnotationPath = "annotation_path";
    public const string Label = "label";
    public const string Split = "split";
    public const string Sex = "sex";
    public const string Age = "age";
    public const string StudyDate = "study_date";
    public const string View = "view";
    public const string Laterality = "laterality";

    /// <summary>Columns every manifest has (cells of annotation_path, label and split may be empty).</summary>
    public static IReadOnlyList<string> Required { get; } =
        [ImageId, PatientId, Institution, ImagePath, AnnotationPath, Label, Split];

    /// <summary>Columns a manifest may have.</summary>
    public static IReadOnlyList<string> Optional { get; } = [Sex, Age, StudyDate, View, Laterality];

    /// <summary>All columns, in written order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Required, .. Optional];
}
