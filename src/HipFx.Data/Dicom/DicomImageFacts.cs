using System.Globalization;

namespace HipFx.Data.Dicom;

/// <summary>The attributes of an image that a dataset manifest needs. <see cref="PatientId"/> and
/// <see cref="StudyInstanceUid"/> are identifying: callers hash them (see <c>Pseudonymizer</c>) and never write them out.</summary>
public sealed record DicomImageFacts
{
    /// <summary>Raw (0010,0020) PatientID. Identifying: hash it before it leaves memory.</summary>
    public string? PatientId { get; init; }

    /// <summary>Raw (0020,000D) StudyInstanceUID. Identifying: hash it before it leaves memory.</summary>
    public string? StudyInstanceUid { get; init; }

    public string? Modality { get; init; }

    public string? Manufacturer { get; init; }

    public string? InstitutionName { get; init; }

    /// <summary>(0020,0060) Laterality, else (0020,0062) ImageLaterality: R, L, B or U.</summary>
    public string? Laterality { get; init; }

    /// <summary>(0018,5101) ViewPosition: AP, PA, LL...</summary>
    public string? ViewPosition { get; init; }

    public string? BodyPartExamined { get; init; }

    /// <summary>Row and column spacing in mm from PixelSpacing, else ImagerPixelSpacing; null when absent.</summary>
    public (double Row, double Column)? PixelSpacing { get; init; }

    /// <summary>(0028,0301) BurnedInAnnotation: true for YES, false for NO, null when absent.</summary>
    public bool? BurnedInAnnotation { get; init; }

    /// <summary>(0008,0020) StudyDate as written (YYYYMMDD); null when absent.</summary>
    public string? StudyDate { get; init; }

    /// <summary>(0010,0040) PatientSex: M, F or O.</summary>
    public string? Sex { get; init; }

    /// <summary>Age in whole years from (0010,1010) PatientAge ("045Y", "006M"...); null when absent or unreadable.</summary>
    public int? AgeYears { get; init; }

    public static DicomImageFacts From(DicomDataset dataset, string file) => new()
    {
        PatientId = dataset.GetString(DicomTag.PatientId),
        StudyInstanceUid = dataset.GetString(DicomTag.StudyInstanceUid),
        Modality = dataset.GetString(DicomTag.Modality),
        Manufacturer = dataset.GetString(DicomTag.Manufacturer),
        InstitutionName = dataset.GetString(DicomTag.InstitutionName),
        Laterality = dataset.GetString(DicomTag.Laterality) ?? dataset.GetString(DicomTag.ImageLaterality),
        ViewPosition = dataset.GetString(DicomTag.ViewPosition),
        BodyPartExamined = dataset.GetString(DicomTag.BodyPartExamined),
        PixelSpacing = ReadSpacing(dataset, file),
        BurnedInAnnotation = dataset.GetString(DicomTag.BurnedInAnnotation)?.ToUpperInvariant() switch
        {
            "YES" => true,
            "NO" => false,
            _ => null,
        },
        StudyDate = dataset.GetString(DicomTag.StudyDate),
        Sex = dataset.GetString(DicomTag.PatientSex),
        AgeYears = ParseAge(dataset.GetString(DicomTag.PatientAge)),
    };

    private static (double, double)? ReadSpacing(DicomDataset dataset, string file)
    {
        var tag = dataset.Contains(DicomTag.PixelSpacing) ? DicomTag.PixelSpacing : DicomTag.ImagerPixelSpacing;
        try
        {
            return dataset.GetDecimals(tag, file) is [var row, var column, ..] ? (row, column) : null;
        }
        catch (HipFx.Core.HipFxDataException)
        {
            return null; // a descriptive attribute: unreadable spacing is reported as absent
        }
    }

    private static int? ParseAge(string? age)
    {
        if (age is not { Length: 4 } || !int.TryParse(age.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        return char.ToUpperInvariant(age[3]) switch
        {
            'Y' => n,
            'M' => n / 12,
            'W' => n / 52,
            'D' => n / 365,
            _ => null,
        };
    }
}
