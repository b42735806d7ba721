namespace HipFx.Data.Dicom.Writing;

/// <summary>The attributes written for one CR radiograph (one frame, grayscale, 16 bits allocated).</summary>
public sealed record CrImageHeader
{
    public required string PatientId { get; init; }

    /// <summary>DICOM PN, e.g. <c>SYNTHETIC^A00012</c>.</summary>
    public required string PatientName { get; init; }

    /// <summary>"M", "F" or "O".</summary>
    public required string PatientSex { get; init; }

    public required int PatientAgeYears { get; init; }

    public DateOnly? PatientBirthDate { get; init; }

    public required DateOnly StudyDate { get; init; }

    /// <summary>Study time as HHMMSS.</summary>
    public required string StudyTime { get; init; }

    public required string StudyInstanceUid { get; init; }

    public required string SeriesInstanceUid { get; init; }

    public required string SopInstanceUid { get; init; }

    public required string AccessionNumber { get; init; }

    public required string InstitutionName { get; init; }

    public string Manufacturer { get; init; } = "hipfx synthetic";

    public string StudyDescription { get; init; } = "HIP AP";

    public string BodyPart { get; init; } = "HIP";

    /// <summary>"L" or "R".</summary>
    public required string Laterality { get; init; }

    public string ViewPosition { get; init; } = "AP";

    /// <summary>Row and column spacing (mm).</summary>
    public required double PixelSpacingMm { get; init; }

    /// <summary>MONOCHROME1 (minimum displayed white) or MONOCHROME2 (minimum displayed black).</summary>
    public required bool Monochrome1 { get; init; }

    /// <summary>12 or 16; always 16 allocated, unsigned, high bit = stored − 1.</summary>
    public required int BitsStored { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required double WindowCenter { get; init; }

    public required double WindowWidth { get; init; }
}
